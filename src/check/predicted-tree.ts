// One host's predicted file state in check mode: what earlier tasks of the run would have written, removed or created.

import { posix } from 'node:path';
import type { ArchiveMember } from './archive-members.js';

export interface Attrs {
  readonly mode?: number;
  readonly owner?: string;
  readonly group?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/** Where a predicted file's bytes come from. */
export type Content =
  | { readonly bytes: Buffer }
  | { readonly member: ArchiveMember }
  /** check mode knows the file is written, not what it holds (a generated key) */
  | { readonly unknown: string }
  /** a copy of another file on the host (read from there, through the prediction, when a later task reads it) */
  | { readonly copyOf: string };

export type Predicted =
  | ({ readonly kind: 'file'; readonly content: Content; readonly size?: number } & Attrs)
  /** fresh: made by the prediction, so the host has nothing below it */
  | ({ readonly kind: 'dir'; readonly fresh: boolean } & Attrs)
  | ({ readonly kind: 'link'; readonly target: string } & Attrs)
  | { readonly kind: 'absent' }
  /** the host's own entry with attributes changed (chmod/chown); recursive: everything below too */
  | ({ readonly kind: 'host'; readonly recursive: boolean } & Attrs)
  /** anything may be there: an earlier task whose effect check mode cannot know wrote here */
  | { readonly kind: 'unknown'; readonly why: string };

/** What the prediction says about one path: an entry, or undefined (the host's own state holds). */
export type Lookup = Predicted | undefined;

export function normalizePath(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

export class PredictedTree {
  private readonly entries = new Map<string, Predicted>();

  get size(): number {
    return this.entries.size;
  }

  /** PATH with the predicted symlinks among its ancestors followed (the last component is left alone, as lstat does). */
  resolveParents(path: string): string {
    let p = normalizePath(path);
    for (let hops = 0; hops < 20; hops++) {
      const parts = p.split('/');
      let changed = false;
      for (let i = 2; i < parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        const e = this.entries.get(prefix);
        if (e?.kind !== 'link') continue;
        const target = e.target.startsWith('/') ? e.target : posix.join(posix.dirname(prefix), e.target);
        p = normalizePath(posix.join(target, ...parts.slice(i)));
        changed = true;
        break;
      }
      if (!changed) return p;
    }
    return p;
  }

  /** The prediction for PATH: its own entry, or what an ancestor implies (removed, fresh, unknown, attributes). */
  lookup(path: string): Lookup {
    const p = this.resolveParents(path);
    const own = this.entries.get(p);
    if (own) return own;
    for (let dir = posix.dirname(p), prev = p; dir !== prev; prev = dir, dir = posix.dirname(dir)) {
      const e = this.entries.get(dir);
      if (!e) continue;
      if (e.kind === 'absent' || e.kind === 'file' || e.kind === 'link' || (e.kind === 'dir' && e.fresh)) return { kind: 'absent' };
      if (e.kind === 'unknown') return e;
      if (e.kind === 'host' && e.recursive) return e;
    }
    return undefined;
  }

  /** Does the prediction say anything about PATH or below it (a command reading it would see other bytes)? */
  covers(path: string): boolean {
    const p = this.resolveParents(path);
    if (this.lookup(p) !== undefined) return true;
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** Entries strictly below DIR, nearest first, and whether the host's own listing still counts there. */
  below(dir: string): { readonly entries: readonly [string, Predicted][]; readonly hostCounts: boolean } {
    const d = this.resolveParents(dir);
    const prefix = d === '/' ? '/' : `${d}/`;
    const entries = [...this.entries].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
    const at = this.lookup(d);
    const hostCounts = !(at && (at.kind === 'absent' || (at.kind === 'dir' && at.fresh) || at.kind === 'file' || at.kind === 'link'));
    return { entries, hostCounts };
  }

  /** Records PATH's prediction; a new file, link, removal or fresh directory replaces whatever was predicted below it. */
  set(path: string, entry: Predicted): void {
    const p = this.resolveParents(path);
    if (entry.kind === 'absent' || entry.kind === 'file' || entry.kind === 'link' || entry.kind === 'unknown' || (entry.kind === 'dir' && entry.fresh)) this.dropBelow(p);
    this.entries.set(p, entry);
  }

  /** Changes the attributes of PATH's prediction, keeping what is predicted below it. */
  update(path: string, entry: Predicted): void {
    this.entries.set(this.resolveParents(path), entry);
  }

  /** The host holds the truth again for PATH (a task really wrote it, check_mode: false). */
  forget(path: string): void {
    this.entries.delete(this.resolveParents(path));
  }

  private dropBelow(p: string): void {
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
