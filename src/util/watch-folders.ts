/**
 * Watches folders for the changes a rebuild must follow, the way editors save included.
 *
 * Each folder is watched on its own (a non-recursive fs.watch), never each file: a folder's watch
 * reports every name written, renamed, created or deleted in it, so it survives the atomic saves
 * of vim, emacs, JetBrains IDEs or sed -i, which write a new file and rename it over the old one.
 * A watch on the file itself stays with the old, unlinked file, and Node 20's recursive fs.watch on
 * Linux watches every file so: after one such save, it never reports that file again. One watch per
 * folder is also what the system's limit of watches can take (101 for 10,000 articles in 100
 * folders, where a watch per file needs 10,101).
 *
 * A burst of events (one save is several) makes one call once the folders have been quiet for a
 * moment; before it, the folders are walked again, so that a new subfolder is watched and a folder
 * removed or replaced is let go of or watched anew.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchedFolder {
  dir: string;
  /** The subfolders to watch too, by name (none when absent). */
  walksInto?: (name: string) => boolean;
  /** The names of files whose changes matter. */
  matters: (name: string) => boolean;
}

export interface FolderWatch {
  close(): void;
}

export interface WatchHandlers {
  /** Called once after each burst of changes that matter. */
  onChange: () => void;
  /** A folder that cannot be watched (the system's limit of watches reached, no permission). */
  onError: (dir: string, e: NodeJS.ErrnoException) => void;
  quietMs?: number;
}

interface Watched {
  watcher: FSWatcher;
  ino: number;
}

/**
 * Calls `onChange` after every burst of changes that matter in `folders`, once they have been quiet
 * for `quietMs`. A folder missing at the start is watched from the first change elsewhere on.
 */
export function watchFolders(folders: readonly WatchedFolder[], { onChange, onError, quietMs = 100 }: WatchHandlers): FolderWatch {
  // Per watched folder, its subfolders and itself by path: two entries may name one folder.
  const watched = folders.map(() => new Map<string, Watched>());
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const failed = new Set<string>();
  // Each folder that cannot be watched is told of once, not at every walk.
  const report = (dir: string, e: NodeJS.ErrnoException) => void (failed.has(dir) || (failed.add(dir), onError(dir, e)));
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (closed) return;
      arm();
      onChange();
    }, quietMs);
  };
  const event = (i: number, dir: string, name: string | null) => {
    const folder = folders[i]!;
    if (name === null || folder.matters(name)) return settle();
    // A folder created, removed or renamed: what it holds may matter.
    const full = path.join(dir, name);
    if (folder.walksInto?.(name) && (watched[i]!.has(full) || isFolder(full))) return settle();
    // The watched folder itself removed or replaced: its watch sees nothing any more.
    if (statSync(dir, { throwIfNoEntry: false })?.ino !== watched[i]!.get(dir)?.ino) settle();
  };
  const arm = () => folders.forEach((folder, i) => armFolder(folder, watched[i]!, (dir, name) => event(i, dir, name), report));
  arm();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const map of watched) for (const { watcher } of map.values()) watcher.close();
    },
  };
}

/** Watches `folder` and the subfolders it walks into, as they are now; lets go of the folders gone. */
function armFolder(folder: WatchedFolder, watched: Map<string, Watched>, event: (dir: string, name: string | null) => void, onError: WatchHandlers['onError']): void {
  const seen = new Set<string>();
  const walk = (dir: string) => {
    let ino: number;
    try {
      ino = statSync(dir).ino;
    } catch {
      return;
    }
    seen.add(dir);
    const known = watched.get(dir);
    // The same path with another inode is a folder replaced: its old watch sees nothing any more.
    if (known?.ino !== ino) {
      known?.watcher.close();
      watched.delete(dir);
      try {
        const watcher = watch(dir, (_type, name) => event(dir, name));
        // A folder removed under its watch: the next walk lets go of it.
        watcher.on('error', () => event(dir, null));
        watched.set(dir, { watcher, ino });
      } catch (e) {
        // Removed since the stat: the next walk has nothing to do there.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onError(dir, e as NodeJS.ErrnoException);
        return;
      }
    }
    if (!folder.walksInto) return;
    for (const entry of subfolders(dir)) if (folder.walksInto(entry)) walk(path.join(dir, entry));
  };
  walk(folder.dir);
  for (const [dir, { watcher }] of watched) {
    if (seen.has(dir)) continue;
    watcher.close();
    watched.delete(dir);
  }
}

/** The names of the folders in `dir` (symbolic links to folders are not followed: they can form loops). */
function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function isFolder(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
