// Masks a byte stream (a spilled command output) chunk by chunk: a secret cut by a chunk boundary is still found, bytes stay bytes.

import { MASK, type Masker } from '../vars/secret.js';

/**
 * Each push returns the bytes that are final: the rest of the text, up to one byte less than the
 * longest secret form, is held back, since a form starting there may continue in the next chunk.
 * Matching is the Masker's (leftmost, longest), on the UTF-8 bytes of every form; the stream is
 * never decoded, so bytes that are not UTF-8 are written unchanged. Secrets the run registers
 * while the stream flows are masked from the next push on.
 */
export class StreamMasker {
  #pending = ''; // bytes not yet written, one character per byte (latin1)

  constructor(private readonly masker: Masker) {}

  push(chunk: Buffer): Buffer {
    if (this.#pending === '' && this.masker.size === 0) return chunk;
    const text = this.#pending + chunk.toString('latin1');
    const safe = text.length - Math.max(0, this.masker.longestByteForm - 1);
    const { out, at } = this.#maskUpTo(text, safe);
    this.#pending = text.slice(at);
    return out;
  }

  /** The held-back bytes, masked: the stream has ended. */
  end(): Buffer {
    const { out } = this.#maskUpTo(this.#pending, this.#pending.length);
    this.#pending = '';
    return out;
  }

  /** Masks every form starting before `safe` (their ends are all in text); returns the bytes up to where that is final. */
  #maskUpTo(text: string, safe: number): { out: Buffer; at: number } {
    let out = '';
    let at = 0;
    for (const [start, end] of this.masker.byteOccurrences(text)) {
      if (start >= safe) break;
      out += text.slice(at, start) + MASK;
      at = end;
    }
    if (at < safe) {
      out += text.slice(at, safe);
      at = safe;
    }
    return { out: Buffer.from(out, 'latin1'), at };
  }
}
