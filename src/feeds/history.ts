/** RFC 5005 elements, shared by RSS (as atom:link) and Atom (as link). */
import type { FeedHistory, FeedLinks } from './model.js';

export const FH_NAMESPACE = 'http://purl.org/syndication/history/1.0';

export function historyElements(history: FeedHistory | undefined, format: keyof FeedLinks, link: (rel: string, href: string) => string): string[] {
  if (!history) return [];
  const out: string[] = [];
  const rels: [string, FeedLinks | undefined][] = [
    ['current', history.current],
    ['prev-archive', history.prevArchive],
  ];
  for (const [rel, links] of rels) if (links?.[format]) out.push(link(rel, links[format]));
  if (history.complete) out.push('<fh:complete/>');
  if (history.archive) out.push('<fh:archive/>');
  return out;
}
