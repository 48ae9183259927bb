// A small least-recently-used map with a size budget, for memoising pure computations (compiled XPath, parses, edit results).

/** Keeps at most `budget` units (entries by default, or the weight each set() gives), dropping the least recently used. */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; weight: number }>();
  #used = 0;

  constructor(private readonly budget: number) {}

  get(key: K): V | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    // re-insert: Map keeps insertion order, so the first key is always the least recently used
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e.value;
  }

  set(key: K, value: V, weight = 1): void {
    if (weight > this.budget) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#used -= old.weight;
      this.#entries.delete(key);
    }
    this.#entries.set(key, { value, weight });
    this.#used += weight;
    for (const [k, e] of this.#entries) {
      if (this.#used <= this.budget) break;
      this.#entries.delete(k);
      this.#used -= e.weight;
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
