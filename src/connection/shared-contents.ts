// Identical file contents read from different hosts of a run share one Buffer (stock files are the same on every node).
//
// A 100-host run reads the same stock axis2.xml, carbon.xml... and the same 600 KB JDBC jar from
// every node, and a task holds them all at once (its hosts run in parallel). A read that ends here
// is compared with the contents of the same length this run still holds; when the bytes are equal
// the reader gets the held Buffer and its own becomes garbage at once. Entries are weak: a content
// no task uses any more is not kept. Readers must not change a Buffer they read (none does).

/** Smaller contents are not worth an entry (and may be a slice of Node's shared allocation pool). */
const MIN_BYTES = 4096;
/** different contents of one length kept at once (host-specific edits of a file keep its length rarely) */
const PER_LENGTH = 16;

export class SharedContents {
  readonly #byLength = new Map<number, WeakRef<Buffer>[]>();
  readonly #collected = new FinalizationRegistry<number>((length) => this.#prune(length));

  /** The Buffer with these bytes that a host read earlier, or `data` itself (kept for later reads). */
  share(data: Buffer): Buffer {
    if (data.length < MIN_BYTES) return data;
    const refs = this.#byLength.get(data.length) ?? [];
    for (const ref of refs) {
      const held = ref.deref();
      if (held && held.equals(data)) return held;
    }
    if (refs.length >= PER_LENGTH) refs.shift();
    refs.push(new WeakRef(data));
    this.#byLength.set(data.length, refs);
    this.#collected.register(data, data.length);
    return data;
  }

  /** how many contents are held now (for tests) */
  get size(): number {
    let n = 0;
    for (const refs of this.#byLength.values()) n += refs.filter((r) => r.deref() !== undefined).length;
    return n;
  }

  #prune(length: number): void {
    const live = (this.#byLength.get(length) ?? []).filter((r) => r.deref() !== undefined);
    if (live.length > 0) this.#byLength.set(length, live);
    else this.#byLength.delete(length);
  }
}
