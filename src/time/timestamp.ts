/** A resolved timestamp and everything needed to explain and print it. */
export type Precision = 'day' | 'minute' | 'second' | 'millisecond';

export type TimestampSource =
  | { kind: 'frontmatter'; key: string; line?: number }
  /** `from`: what a relative byline ("il y a 4 heures") was counted back from. */
  | { kind: 'byline'; text: string; line: number; from?: string }
  | { kind: 'filename'; name: string }
  | { kind: 'previous'; id: string }
  | { kind: 'git'; commit: string; event: 'added' | 'changed' }
  | { kind: 'mtime' }
  | { kind: 'published' };

export interface Timestamp {
  /** Milliseconds since the epoch, UTC. */
  instant: number;
  /** UTC offset as written (or in force in the zone it was read in), minutes east. */
  offset: number;
  precision: Precision;
  /** The zone the value was read in: an IANA name, or the offset it carried. */
  zone: string;
  approximate: boolean;
  source: TimestampSource;
}
