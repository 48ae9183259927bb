// Values marked secret from the start: they print as ******** and are masked in every output.

export const MASK = '********';

/** A secret value. Its text is only reachable through reveal(); printing it shows the mask. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return MASK;
  }
}

export function isSecret(v: unknown): v is Secret {
  return v instanceof Secret;
}

/** Returns the plain text of a value that may be a Secret. */
export function reveal(v: unknown): unknown {
  return v instanceof Secret ? v.reveal() : v;
}

/**
 * Collects every secret text seen in a run and replaces it in any string bound for output
 * (console, JSON, diffs, error messages, logs). Longest secrets are replaced first.
 */
export class Masker {
  #secrets = new Set<string>();
  #sorted: string[] | null = null;

  add(text: string | Secret): void {
    const t = text instanceof Secret ? text.reveal() : text;
    if (t.length === 0 || this.#secrets.has(t)) return;
    this.#secrets.add(t);
    this.#sorted = null;
  }

  /** Registers every Secret found anywhere inside a value (vars, args). */
  collect(value: unknown, seen = new Set<unknown>()): void {
    if (value instanceof Secret) {
      this.add(value);
    } else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      for (const v of Object.values(value as Record<string, unknown>)) this.collect(v, seen);
    }
  }

  get size(): number {
    return this.#secrets.size;
  }

  mask(text: string): string {
    if (this.#secrets.size === 0) return text;
    this.#sorted ??= [...this.#secrets].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of this.#sorted) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }

  /** Deep copy of a JSON-like value with every string masked. */
  maskDeep<T>(value: T): T {
    if (this.#secrets.size === 0) return value;
    return maskValue(value, (s) => this.mask(s)) as T;
  }
}

function maskValue(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (v instanceof Secret) return MASK;
  if (Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) return v.map((x) => maskValue(x, f));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = maskValue(x, f);
    return out;
  }
  return v;
}
