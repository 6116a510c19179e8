/** What planning reads of an article (a resolved article is one; so is what a rebuild keeps of it). */
export interface Plannable {
  id: string;
  url: string;
  draft: boolean;
  published: { instant: number };
  updated: { instant: number };
  /** When it leaves every feed, if it does (a rebuild from kept records never has one: see build.ts). */
  expires?: { instant: number };
  article: {
    tags: readonly string[];
    authors: readonly { name: string }[];
    lang?: string;
    source: { relPath: string; displayPath: string };
  };
}
