/**
 * The images a body names by a path relative to its file (`![x](./a.png)`, `<img src="a.png">`),
 * outside code blocks: where a site generator resolves them from the source file, what the feed
 * cannot show is warned of at parse time (rendering drops it: feed-url.ts).
 */
import { isPathRelative } from './feed-url.js';

const IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)|<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)/gi;

export function relativeMedia(body: string): { src: string; at: number }[] {
  // Fenced and indented code is text, not images: blanked out, offsets kept.
  const text = body.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[`~]*[ \t]*(?=\n|$)|$)/gm, (m) => m.replace(/[^\n]/g, ' '));
  const found: { src: string; at: number }[] = [];
  for (const m of text.matchAll(IMAGE)) {
    const src = m[1] ?? m[2]!;
    if (isPathRelative(src)) found.push({ src, at: m.index });
  }
  return found;
}
