// Collects groups, hosts and their vars while a format parser (INI or YAML) reads an inventory file.

import { UserError, type SourceLoc } from '../errors.js';

export interface DraftGroup {
  readonly name: string;
  loc: SourceLoc | undefined;
  readonly vars: Record<string, unknown>;
  readonly varLocs: Map<string, SourceLoc>;
  /** direct member hosts, in order of addition */
  readonly hosts: string[];
  readonly children: string[];
  /** where each child was listed (to point at the edge that closes a cycle) */
  readonly childLocs: Map<string, SourceLoc>;
  readonly parents: string[];
}

export interface DraftHost {
  readonly name: string;
  readonly loc: SourceLoc | undefined;
  readonly vars: Record<string, unknown>;
  /** where each of its vars was written (the last listing that set it) */
  readonly varLocs: Map<string, SourceLoc>;
  /** groups the host was listed in directly */
  readonly groups: string[];
}

export class InventoryDraft {
  readonly groups = new Map<string, DraftGroup>();
  readonly hosts = new Map<string, DraftHost>();
  readonly warnings: string[] = [];

  /** `lines` is the file's text split in lines, to show the offending line in errors. */
  constructor(
    readonly file: string,
    private readonly lines: readonly string[],
  ) {
    this.ensureGroup('all', undefined);
    this.ensureGroup('ungrouped', undefined);
    this.addChild('all', 'ungrouped', undefined);
  }

  errorAt(message: string, loc: SourceLoc): UserError {
    return new UserError(message, loc, loc.file === this.file ? this.lines[loc.line - 1] : undefined);
  }

  ensureGroup(name: string, loc: SourceLoc | undefined): DraftGroup {
    let g = this.groups.get(name);
    if (!g) {
      g = { name, loc, vars: {}, varLocs: new Map(), hosts: [], children: [], childLocs: new Map(), parents: [] };
      this.groups.set(name, g);
    } else if (!g.loc) {
      g.loc = loc;
    }
    return g;
  }

  /** Adds (or re-lists) a host in a group; later vars override earlier ones. */
  addHost(group: string, name: string, loc: SourceLoc | undefined, vars: Record<string, unknown>, varLocs?: ReadonlyMap<string, SourceLoc>): void {
    const g = this.ensureGroup(group, undefined);
    let h = this.hosts.get(name);
    if (!h) {
      h = { name, loc, vars: {}, varLocs: new Map(), groups: [] };
      this.hosts.set(name, h);
    }
    Object.assign(h.vars, vars);
    for (const k of Object.keys(vars)) {
      const at = varLocs?.get(k) ?? loc;
      if (at) h.varLocs.set(k, at);
    }
    if (!h.groups.includes(group)) h.groups.push(group);
    if (!g.hosts.includes(name)) g.hosts.push(name);
  }

  addChild(parent: string, child: string, loc: SourceLoc | undefined): void {
    const p = this.ensureGroup(parent, undefined);
    const c = this.ensureGroup(child, loc);
    if (p.children.includes(child)) return;
    p.children.push(child);
    if (loc) p.childLocs.set(child, loc);
    c.parents.push(parent);
  }

  setGroupVar(group: string, key: string, value: unknown, loc: SourceLoc | undefined): void {
    const g = this.ensureGroup(group, undefined);
    g.vars[key] = value;
    if (loc) g.varLocs.set(key, loc);
  }
}
