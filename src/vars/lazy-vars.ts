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

/** Merges layers (lowest precedence first) into a view whose string values are rendered on read. */
export function makeVarView(layers: readonly VarLayer[], fallbackFile = '<vars>'): Obj {
  const merged: Obj = {};
  const origin = new Map<string, Readonly<Obj>>();
  for (const layer of layers) {
    for (const k of Object.keys(layer.vars)) {
      merged[k] = layer.vars[k];
      origin.set(k, layer.vars);
    }
  }
  const cache = new Map<string, unknown>();
  const active = new Set<string>();
  const view: Obj = new Proxy(merged, {
    get(target, prop) {
      if (typeof prop !== 'string' || !Object.prototype.hasOwnProperty.call(target, prop)) return undefined;
      if (cache.has(prop)) return cache.get(prop);
      const raw = target[prop];
      if (!needsRender(raw)) {
        // a password under a secret-looking name is a Secret however it was written (docs/vault.md)
        const marked = markBySecretName(prop, raw);
        if (marked !== raw) cache.set(prop, marked);
        return marked;
      }
      if (active.has(prop)) throw new UserError(`recursive loop detected in variable '${prop}' (its value refers back to itself)`, locFor(origin.get(prop), prop));
      active.add(prop);
      try {
        const loc: SourceLoc = locFor(origin.get(prop), prop) ?? { file: fallbackFile, line: 1, col: 1 };
        const v = markBySecretName(prop, renderValue(raw, view, loc));
        cache.set(prop, v);
        return v;
      } finally {
        active.delete(prop);
      }
    },
    has: (target, prop) => typeof prop === 'string' && Object.prototype.hasOwnProperty.call(target, prop),
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

/** A read-only mapping whose entries are computed on first access (hostvars, groups). */
export function lazyMap(keys: readonly string[], compute: (key: string) => unknown, hidden: readonly string[] = []): Obj {
  // `hidden` keys can be read but are not listed (hostvars['localhost'] of an implicit localhost).
  // Built per task and host (hostvars), mostly never read: the key set is made on first use, and the
  // (extensible, empty) target lets ownKeys list the keys without holding a property per key.
  let set: Set<string> | undefined;
  const known = (prop: string) => (set ??= new Set([...keys, ...hidden])).has(prop);
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
