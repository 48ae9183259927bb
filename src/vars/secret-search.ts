// Finds every secret form in a text in one pass, leftmost-longest: a RegExp alternation while V8 compiles it to machine code, else an Aho-Corasick automaton.

/**
 * Longest RegExp pattern (characters) used for a set of forms. Up to about 20 000 V8 compiles an
 * alternation of literals to machine code, fast with few forms (10 secrets: ~200-400 MB/s);
 * above, it interprets it (~5 MB/s, measured on node 20 with 60-200 secrets: 30 000-100 000
 * characters). The automaton costs the same per character whatever the set (~40-130 MB/s).
 */
export const REGEXP_PATTERN_LIMIT = 16_000;

/**
 * A set of literal texts searched together, built once per set (the Masker rebuilds it when a
 * secret is added). Texts are compared as UTF-16 code units, as a RegExp without the `u` flag
 * does; either way the result is what a global RegExp alternation of the forms, longest first,
 * would replace.
 */
export class FormSearch {
  readonly #regexp: RegExp | undefined;
  readonly #automaton: FormAutomaton | undefined;

  /** `regExpLimit`: the pattern length up to which a RegExp is used (tests pass 0 to force the automaton). */
  constructor(forms: Iterable<string>, regExpLimit = REGEXP_PATTERN_LIMIT) {
    const list = [...new Set(forms)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
    const pattern = list.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    if (pattern.length > regExpLimit) this.#automaton = new FormAutomaton(list);
    else if (list.length > 0) this.#regexp = new RegExp(pattern, 'g');
  }

  /** [start, end) of each match: the leftmost start, the longest form there, then on from its end. */
  find(text: string): [number, number][] {
    if (this.#automaton) return this.#automaton.find(text);
    if (!this.#regexp) return [];
    const out: [number, number][] = [];
    for (const m of text.matchAll(this.#regexp)) out.push([m.index, m.index + m[0].length]);
    return out;
  }
}

/**
 * Aho-Corasick over the forms: one or two typed-array reads per character of the text, whatever
 * the number of forms.
 */
export class FormAutomaton {
  /** the root's transitions, dense (every other node is 0 = the root) */
  readonly #root = new Int32Array(65536);
  /** node n's edges are edgeChar/edgeNext[edgeStart[n] .. edgeStart[n + 1]), sorted by char */
  readonly #edgeStart: Int32Array;
  readonly #edgeChar: Uint16Array;
  readonly #edgeNext: Int32Array;
  readonly #fail: Int32Array;
  readonly #depth: Int32Array;
  readonly #terminal: Uint8Array;
  /** the nearest terminal node on the fail chain, -1 when none */
  readonly #dict: Int32Array;

  constructor(forms: Iterable<string>) {
    const kids: Map<number, number>[] = [new Map()];
    const depth: number[] = [0];
    const terminal: number[] = [0];
    for (const f of forms) {
      let node = 0;
      for (let i = 0; i < f.length; i++) {
        const c = f.charCodeAt(i);
        let next = kids[node]!.get(c);
        if (next === undefined) {
          next = kids.length;
          kids.push(new Map());
          depth.push(depth[node]! + 1);
          terminal.push(0);
          kids[node]!.set(c, next);
        }
        node = next;
      }
      if (f.length > 0) terminal[node] = 1;
    }
    const count = kids.length;
    let edges = 0;
    for (const k of kids) edges += k.size;
    this.#edgeStart = new Int32Array(count + 1);
    this.#edgeChar = new Uint16Array(edges);
    this.#edgeNext = new Int32Array(edges);
    let e = 0;
    for (let n = 0; n < count; n++) {
      this.#edgeStart[n] = e;
      for (const [c, next] of [...kids[n]!].sort((a, b) => a[0] - b[0])) {
        this.#edgeChar[e] = c;
        this.#edgeNext[e++] = next;
      }
    }
    this.#edgeStart[count] = e;
    for (const [c, next] of kids[0]!) this.#root[c] = next;
    this.#depth = Int32Array.from(depth);
    this.#terminal = Uint8Array.from(terminal);
    this.#fail = new Int32Array(count);
    this.#dict = new Int32Array(count).fill(-1);
    this.#linkFailures(kids);
  }

  /** Breadth first: a node's fail link is the longest proper suffix of its text that is a node. */
  #linkFailures(kids: readonly Map<number, number>[]): void {
    const queue: number[] = [...kids[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q]!;
      for (const [c, v] of kids[u]!) {
        let f = this.#fail[u]!;
        let to = this.#step(f, c);
        while (to < 0) {
          f = this.#fail[f]!;
          to = this.#step(f, c);
        }
        this.#fail[v] = to;
        this.#dict[v] = this.#terminal[to] ? to : this.#dict[to]!;
        queue.push(v);
      }
    }
  }

  /** The transition from node on c: a node, or -1 (only for nodes other than the root). */
  #step(node: number, c: number): number {
    return node === 0 ? this.#root[c]! : edgeTo(this.#edgeStart, this.#edgeChar, this.#edgeNext, node, c);
  }

  /**
   * [start, end) of the matches a global RegExp alternation of the forms (longest first) would
   * replace: the leftmost start, the longest form there, then on from its end.
   */
  find(text: string): [number, number][] {
    let longest: Map<number, number> | undefined; // start -> end of the longest form found starting there
    const root = this.#root;
    const fail = this.#fail;
    const terminal = this.#terminal;
    const dict = this.#dict;
    const starts = this.#edgeStart;
    const chars = this.#edgeChar;
    const nexts = this.#edgeNext;
    let node = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let next = -1;
      while (node !== 0 && (next = edgeTo(starts, chars, nexts, node, c)) < 0) node = fail[node]!;
      node = node === 0 ? root[c]! : next;
      if (node === 0 || (terminal[node] === 0 && dict[node]! < 0)) continue;
      // ends only grow as i does: the last end recorded for a start is its longest form
      for (let t = terminal[node] ? node : dict[node]!; t >= 0; t = dict[t]!) (longest ??= new Map()).set(i + 1 - this.#depth[t]!, i + 1);
    }
    if (!longest) return [];
    const out: [number, number][] = [];
    let at = 0;
    for (const start of [...longest.keys()].sort((a, b) => a - b)) {
      if (start < at) continue;
      const end = longest.get(start)!;
      out.push([start, end]);
      at = end;
    }
    return out;
  }
}

/** Node n's edge on c (its edges are sorted by char), or -1. */
function edgeTo(starts: Int32Array, chars: Uint16Array, nexts: Int32Array, n: number, c: number): number {
  let lo = starts[n]!;
  let hi = starts[n + 1]!;
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) if (chars[lo] === c) return nexts[lo]!;
    return -1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = chars[mid]!;
    if (m === c) return nexts[mid]!;
    if (m < c) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}
