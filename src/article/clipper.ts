/**
 * What web clippers write in the frontmatter, read as the rest of the contract reads its keys
 * (schema.ts lists them: `created` is the capture time, `source` the page's address, `published`
 * the page's date, `description` its summary, `author` its authors):
 * - MarkDownload's `created: 2023-01-12T18:01:37 (UTC +01:00)` is that instant at that offset;
 * - Obsidian Web Clipper writes authors as wiki links (`"[[Jane Doe]]"`): the name is the link's
 *   text; MarkDownload copies the page's byline (`author: By Jane Doe`, `Published by jdoe`):
 *   in a clipping (a file with a `source`), the name is what follows the label.
 */

// "2023-01-12T18:01:37 (UTC +01:00)"
const MARKDOWNLOAD_CREATED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)\s*\(UTC\s*([+-]\d{2}:?\d{2})\)$/;
// "[[Jane Doe]]", "[[people/Jane Doe|Jane Doe]]"
const WIKI_LINK = /^\[\[(?:[^\]|]*\|)?([^\]|]+)\]\]$/;
// The byline label a clipper copied with the name.
const BYLINE_LABEL = /^(?:published by|posted by|written by|by|par|von|por|di)\s+(?=\S)/i;

/** A capture time as the clippers write it, as a date the date parser reads. */
export function clipperDate(value: string): string {
  const m = MARKDOWNLOAD_CREATED.exec(value.trim());
  return m ? `${m[1]}${m[2]}` : value;
}

/** An author's name as a clipper wrote it, as the page printed it. */
export function clippedName(name: string, clipped: boolean): string {
  const trimmed = name.trim();
  const linked = WIKI_LINK.exec(trimmed)?.[1]?.trim() ?? trimmed;
  return clipped ? linked.replace(BYLINE_LABEL, '') : linked;
}
