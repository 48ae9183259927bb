// One file or directory of a stand-in archive, and the fixed time every entry carries.

export interface ArchiveEntry {
  /** path inside the archive; directories end with '/' */
  readonly path: string;
  readonly data?: Buffer;
  /** permission bits (0o755, 0o644) */
  readonly mode: number;
}

/** 2016-01-01T00:00:00Z: the mtime of every entry, so two builds give the same bytes. */
export const FIXED_MTIME_SECONDS = 1451606400;

/** Adds the parent directories of every entry (once, before their first child) and returns a sorted list. */
export function withDirectories(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  const byPath = new Map<string, ArchiveEntry>();
  for (const e of entries) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = `${parts.slice(0, i).join('/')}/`;
      if (!byPath.has(dir)) byPath.set(dir, { path: dir, mode: 0o755 });
    }
    byPath.set(e.path, e);
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
