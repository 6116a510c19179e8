/**
 * A seeded pseudo-random source (a linear congruential generator) for generated test inputs:
 * the same seed gives the same inputs on every machine, so a failure can be replayed.
 */
export interface Seeded {
  /** A number in [0, 1). */
  next(): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export function seeded(seed: number): Seeded {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return {
    next,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    chance: (p) => next() < p,
  };
}
