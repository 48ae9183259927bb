// Variable scopes of a template: the task's variables at the root, then `set`/loop/macro frames (Jinja's scoping).

import { isMapping } from '../expr/values.js';

export type Vars = Readonly<Record<string, unknown>>;

export class Frame {
  readonly vars = new Map<string, unknown>();
  constructor(
    readonly parent: Frame | undefined,
    /** the root's variables (possibly a lazy view: only read, never enumerated) */
    private readonly root: Vars,
    /** a mustache section's mapping: its keys are variables of this frame */
    private readonly obj?: Readonly<Record<string, unknown>>,
  ) {}

  static root(vars: Vars): Frame {
    return new Frame(undefined, vars);
  }

  child(obj?: unknown): Frame {
    return new Frame(this, this.root, isMapping(obj) ? obj : undefined);
  }

  /** A frame that sees only the root variables (templates imported without context). */
  rootOnly(): Frame {
    return new Frame(undefined, this.root);
  }

  /** The value of a name, innermost frame first; undefined when no frame defines it. */
  lookup(name: string): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks the frame chain from this frame outwards
    for (let f: Frame | undefined = this; f; f = f.parent) {
      if (f.vars.has(name)) return f.vars.get(name);
      if (f.obj && Object.hasOwn(f.obj, name)) return f.obj[name];
    }
    return Object.hasOwn(this.root, name) ? this.root[name] : undefined;
  }

  set(name: string, value: unknown): void {
    this.vars.set(name, value);
  }
}
