/**
 * What the known tags of Hugo, Jekyll and Eleventy become: Markdown or HTML a reader sees as the
 * site's page shows it (a code block, a figure, a video), or a link where a feed cannot embed
 * (a tweet, a gist). Every value is escaped for the HTML it lands in.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** A fenced code block holding `code` as it is, whatever backticks it has. */
export function codeBlock(code: string, language: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const lang = /^[\w+-]+$/.test(language) ? language : '';
  return `\n\n${fence}${lang}\n${code.replace(/^\n+|\s+$/g, '')}\n${fence}\n\n`;
}

/** An embedded video where the feed keeps the player's iframes, else a link to the video. */
export function video(kind: 'youtube' | 'vimeo', id: string, iframeHosts: readonly string[]): string {
  const safe = encodeURIComponent(id);
  const player = kind === 'youtube' ? { host: 'www.youtube.com', src: `https://www.youtube.com/embed/${safe}` } : { host: 'player.vimeo.com', src: `https://player.vimeo.com/video/${safe}` };
  const page = kind === 'youtube' ? `https://www.youtube.com/watch?v=${safe}` : `https://vimeo.com/${safe}`;
  const name = kind === 'youtube' ? 'YouTube' : 'Vimeo';
  if (iframeHosts.includes(player.host)) return `<iframe src="${player.src}" width="560" height="315" title="${name} video" allowfullscreen></iframe>`;
  return `<a href="${page}">${name} video ${escapeHtml(id)}</a>`;
}

/** Hugo's figure shortcode: an image with its caption, linked where it says. */
export function figure(args: Readonly<Record<string, string>>): string {
  const src = args.src ?? '';
  if (src === '') return '';
  const alt = args.alt ?? args.caption ?? args.title ?? '';
  let img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
  if (args.link) img = `<a href="${escapeHtml(args.link)}">${img}</a>`;
  const caption = [args.title, args.caption].filter(Boolean).map((t) => escapeHtml(t!)).join(' ');
  return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

/** A link to a page a feed cannot embed (a tweet, a gist). */
export function link(url: string, text: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}
