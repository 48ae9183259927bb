// Values marked secret (vault, !secret, secret names, secret module args): they print as ******** and are masked in every output.

import { AsyncLocalStorage } from 'node:async_hooks';
import { secretForms } from '../report/secret-forms.js';
import { FormSearch } from './secret-search.js';

export const MASK = '********';

/** Texts shorter than this are not masked by search (a 2-letter "secret" would hide that pair everywhere). */
export const MIN_MASKED_LENGTH = 3;

/** What a run masks: its Masker, and whether variables with secret-looking names are secret. */
interface MaskScope {
  readonly masker: Masker;
  readonly secretNames: boolean;
}

const scope = new AsyncLocalStorage<MaskScope>();

/**
 * Runs fn with masker as the run's masker: every Secret created inside (vault values, derived
 * strings such as `{{ pw | b64encode }}`) registers its text there, so output masking follows it.
 */
export function withMasker<T>(masker: Masker, fn: () => T, opts: { secretNames?: boolean } = {}): T {
  return scope.run({ masker, secretNames: opts.secretNames ?? true }, fn);
}

/** The masker of the run this code runs in (undefined outside a run). */
export function currentMasker(): Masker | undefined {
  return scope.getStore()?.masker;
}

/** Registers text with the current run's masker without making a Secret (e.g. a decrypted file's content). */
export function registerSecretText(text: string): void {
  scope.getStore()?.masker.add(text);
}

/** A secret value. Its text is only reachable through reveal(); printing it shows the mask. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
    scope.getStore()?.masker.add(value);
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
 * Variable names treated as secret without marking (a deliberate difference from Ansible): the
 * last word (split at `_`, `-`, `.` and camelCase) is password, passwd, passphrase, pass, pwd or
 * secret, or the last two are "secret key" / "api key". E.g. esb_db_password, SvnPassword,
 * ansible_become_pass, client_secret; not password_file or pass_through_port.
 */
export function isSecretName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-.]+/).filter(Boolean);
  const last = words.at(-1) ?? '';
  if (['password', 'passwd', 'passphrase', 'pass', 'pwd', 'secret'].includes(last)) return true;
  const two = words.slice(-2).join(' ');
  return two === 'secret key' || two === 'api key';
}

/**
 * A variable's value as the run should see it: a string or number under a secret name becomes a
 * Secret (unless the run opted out with --no-mask-secret-names); anything else is returned as is.
 */
export function markBySecretName(name: string, value: unknown): unknown {
  const s = scope.getStore();
  if (s && !s.secretNames) return value;
  if (!isSecretName(name)) return value;
  if (typeof value === 'string' && value.length > 0) return new Secret(value);
  if (typeof value === 'number') return new Secret(String(value));
  return value;
}

/**
 * Collects every secret text seen in a run, with every escaped form it can take (XML, JSON, URL,
 * shell, base64), and replaces any of them in a string bound for output: at the leftmost place
 * a form starts, the longest form there. One pass over the text whatever the number of secrets
 * (secret-search.ts), the search rebuilt when a secret was added since the last use.
 */
export class Masker {
  #secrets = new Set<string>();
  #forms = new Set<string>();
  #search: FormSearch | null = null;
  #byteSearch: { search: FormSearch; longest: number } | null = null;

  add(text: string | Secret): void {
    const t = text instanceof Secret ? text.reveal() : text;
    if (t.length < MIN_MASKED_LENGTH || this.#secrets.has(t)) return;
    // a text holding a known secret (`dsn=...:{{ pw }}@...` on every host) is masked through it: escapes work
    // character by character, so its escaped forms hold the secret's escaped forms too
    for (const known of this.#secrets) if (t.includes(known)) return;
    this.#secrets.add(t);
    for (const f of secretForms(t)) if (f.length >= MIN_MASKED_LENGTH) this.#forms.add(f);
    // a multi-line secret (a PEM key) shows line by line in diffs: each line is masked on its own
    if (t.includes('\n')) for (const line of t.split(/\r?\n/)) if (line.trim().length >= MIN_MASKED_LENGTH) this.add(line.trim());
    this.#search = null;
    this.#byteSearch = null;
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

  /** Every registered secret text (for tests that grep output for them). */
  secrets(): string[] {
    return [...this.#secrets];
  }

  mask(text: string): string {
    const hits = this.occurrences(text);
    if (hits.length === 0) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of hits) {
      out += text.slice(at, start) + MASK;
      at = end;
    }
    return out + text.slice(at);
  }

  /** [start, end) of every registered secret form found in text, left to right, not overlapping. */
  occurrences(text: string): [number, number][] {
    if (this.#forms.size === 0 || text.length < MIN_MASKED_LENGTH) return [];
    this.#search ??= new FormSearch(this.#forms);
    return this.#search.find(text);
  }

  /**
   * occurrences() for bytes spelled one per character (a Buffer's latin1 string): the UTF-8 bytes of
   * every form are searched, so a byte stream is masked without decoding it (invalid UTF-8 stays).
   */
  byteOccurrences(bytes: string): [number, number][] {
    if (this.#forms.size === 0) return [];
    return this.#bytes().search.find(bytes);
  }

  /** Bytes of the longest form: a stream holds back one less, in case a form continues in the next chunk. */
  get longestByteForm(): number {
    return this.#forms.size === 0 ? 0 : this.#bytes().longest;
  }

  #bytes(): { search: FormSearch; longest: number } {
    if (!this.#byteSearch) {
      const forms = [...this.#forms].map((f) => Buffer.from(f, 'utf8').toString('latin1'));
      this.#byteSearch = { search: new FormSearch(forms), longest: forms.reduce((n, f) => Math.max(n, f.length), 0) };
    }
    return this.#byteSearch;
  }

  /** Deep copy of a JSON-like value with every string (keys too) masked and every Secret shown as the mask. */
  maskDeep<T>(value: T): T {
    return maskValue(value, (s) => this.mask(s), new Map()) as T;
  }
}

function maskValue(v: unknown, f: (s: string) => string, seen: Map<object, unknown>): unknown {
  if (typeof v === 'string') return f(v);
  if (v instanceof Secret) return MASK;
  if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) return v;
  if (seen.has(v)) return seen.get(v);
  if (Array.isArray(v)) {
    const arr: unknown[] = [];
    seen.set(v, arr);
    for (const x of v) arr.push(maskValue(x, f, seen));
    return arr;
  }
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const [k, x] of Object.entries(v)) out[f(k)] = maskValue(x, f, seen);
  return out;
}
