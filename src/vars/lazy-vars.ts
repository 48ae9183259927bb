// A variable view that templates values lazily on first read (Ansible semantics), detecting loops.

import { UserError, type SourceLoc } from '../errors.js';
import { isTemplated, renderValue } from './render.js';
import { valueLocOf } from '../loader/yaml.js';
import { Secret, markBySecretName } from './secret.js';

type Obj = Record<string, unknown>;

/** One precedence layer: its variables and (optionally) the YAML mapping they were read from. */
export interface VarLayer {
  readonly vars: Readonly<Obj>;
  readonly name: string;
}

const views = new WeakSet<object>();

/** True for objects produced by makeVarView / lazy proxies (returned to callers as they are). */
export function isLazyView(v: unknown): boolean {
  return !!v && typeof v === 'object' && views.has(v);
}

/**
 * Merges layers (lowest precedence first) into a view whose string values are rendered on read.
 * Nothing is copied: a read finds the highest layer that sets the name (hostvars makes a view per
 * host for every host that reads it, so at 100 hosts a task can hold 10 000 of them at once).
 * The layers' objects must not change while the view is in use (var-scope.ts copies the mutable ones).
 */
export function makeVarView(layers: readonly VarLayer[], fallbackFile = '<vars>'): Obj {
  const own = Object.prototype.hasOwnProperty;
  const layerOf = (prop: string): Readonly<Obj> | undefined => {
    for (let i = layers.length - 1; i >= 0; i--) if (own.call(layers[i]!.vars, prop)) return layers[i]!.vars;
    return undefined;
  };
  let keys: string[] | undefined;
  const cache = new Map<string, unknown>();
  const active = new Set<string>();
  const view: Obj = new Proxy({} as Obj, {
    get(_t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (cache.has(prop)) return cache.get(prop);
      const origin = layerOf(prop);
      if (!origin) return undefined;
      const raw = origin[prop];
      if (!needsRender(raw)) {
        // a password under a secret-looking name is a Secret however it was written (docs/vault.md)
        const marked = markBySecretName(prop, raw);
        if (marked !== raw) cache.set(prop, marked);
        return marked;
      }
      if (active.has(prop)) throw new UserError(`recursive loop detected in variable '${prop}' (its value refers back to itself)`, locFor(origin, prop));
      active.add(prop);
      try {
        const loc: SourceLoc = locFor(origin, prop) ?? { file: fallbackFile, line: 1, col: 1 };
        const v = markBySecretName(prop, renderValue(raw, view, loc));
        cache.set(prop, v);
        return v;
      } finally {
        active.delete(prop);
      }
    },
    has: (_t, prop) => typeof prop === 'string' && layerOf(prop) !== undefined,
    // names in the order they were first set, lowest layer first (as a merged object lists them)
    ownKeys: () => [...(keys ??= [...new Set(layers.flatMap((l) => Object.keys(l.vars)))])],
    getOwnPropertyDescriptor: (_t, prop) => (typeof prop === 'string' && layerOf(prop) ? { configurable: true, enumerable: true, writable: false, value: undefined } : undefined),
    set: () => false,
  });
  views.add(view);
  return view;
}

function locFor(obj: Readonly<Obj> | undefined, key: string): SourceLoc | undefined {
  return obj ? valueLocOf(obj, key) : undefined;
}

/** Does a value contain template text anywhere (strings deep inside lists and mappings)? */
export function needsRender(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return isTemplated(v);
  if (depth > 20 || !v || typeof v !== 'object' || v instanceof Secret || isLazyView(v)) return false;
  if (Array.isArray(v)) return v.some((x) => needsRender(x, depth + 1));
  return Object.values(v).some((x) => needsRender(x, depth + 1));
}

const keySets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** One Set per key list (hostvars of every task and host share the inventory's host list). */
function keySetOf(keys: readonly string[]): ReadonlySet<string> {
  let set = keySets.get(keys);
  if (!set) keySets.set(keys, (set = new Set(keys)));
  return set;
}

/** A read-only mapping whose entries are computed on first access (hostvars, groups). */
export function lazyMap(keys: readonly string[], compute: (key: string) => unknown, hidden: readonly string[] = []): Obj {
  // `hidden` keys can be read but are not listed (hostvars['localhost'] of an implicit localhost).
  // Built per task and host (hostvars), mostly never read: the key set is shared by every map of the
  // same key list, and the (extensible, empty) target lets ownKeys list the keys without holding a
  // property per key.
  const known = (prop: string) => keySetOf(keys).has(prop) || hidden.includes(prop);
  const cache = new Map<string, unknown>();
  const p = new Proxy({} as Obj, {
    get(_t, prop) {
      if (typeof prop !== 'string' || !known(prop)) return undefined;
      if (!cache.has(prop)) cache.set(prop, compute(prop));
      return cache.get(prop);
    },
    has: (_t, prop) => typeof prop === 'string' && known(prop),
    ownKeys: () => [...keys],
    getOwnPropertyDescriptor: (_t, prop) => (typeof prop === 'string' && known(prop) ? { enumerable: keys.includes(prop), configurable: true, writable: false, value: undefined } : undefined),
    set: () => false,
  });
  views.add(p);
  return p;
}

/**
 * `extra` over `base` without copying: spreading a lazy view would render every variable
 * (and fail on ones never used), so lookups fall through to the base view instead.
 */
export function overlayVars(base: Readonly<Obj>, extra: Readonly<Obj>): Obj {
  const has = (prop: string) => Object.prototype.hasOwnProperty.call(extra, prop);
  const p = new Proxy({} as Obj, {
    get: (_t, prop) => (typeof prop !== 'string' ? undefined : has(prop) ? extra[prop] : base[prop]),
    has: (_t, prop) => typeof prop === 'string' && (has(prop) || prop in base),
    getOwnPropertyDescriptor: (_t, prop) =>
      typeof prop === 'string' && (has(prop) || prop in base) ? { configurable: true, enumerable: true, writable: false, value: undefined } : undefined,
    ownKeys: () => [...new Set([...Reflect.ownKeys(base), ...Object.keys(extra)])],
    set: () => false,
  });
  views.add(p);
  return p;
}
