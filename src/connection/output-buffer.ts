// Bounded command output: the first and last bytes stay in memory, everything goes (masked) to a private file on the controller once it is too big.

import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { currentMasker, type Masker } from '../vars/secret.js';
import { StreamMasker } from '../report/mask-stream.js';

/** Bytes of the start and of the end of a stream kept in memory; more than both together spills to a file. */
export const OUTPUT_HEAD_BYTES = 4 * 1024 * 1024;
export const OUTPUT_TAIL_BYTES = 4 * 1024 * 1024;

export interface CollectedOutput {
  /** the whole output, or head + a note + tail when it spilled */
  readonly text: string;
  /** total bytes the command wrote to this stream */
  readonly bytes: number;
  /** the file holding the whole output, when it was too big to keep */
  readonly file?: string;
}

/**
 * Where spilled outputs go: $TMPDIR/esbplay-output, a directory of this user with mode 0700 (made
 * so if it is this user's). When that name is taken by something else (another user's directory,
 * a symlink, a file), a new private $TMPDIR/esbplay-output-XXXXXX instead.
 */
export function spillDir(): string {
  const dir = path.join(os.tmpdir(), 'esbplay-output');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (st.isDirectory() && st.uid === process.getuid?.()) {
      if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
      return dir;
    }
  } catch {
    // taken by a file or unwritable: a private directory of our own below
  }
  return mkdtempSync(`${dir}-`);
}

/** Collects one stream (stdout or stderr) of one command. `label` names the spill file (e.g. the host). */
export class BoundedOutput {
  readonly #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #total = 0;
  #fd: number | undefined;
  #file: string | undefined;
  #masking: StreamMasker | undefined;

  /** `masker`: the run's, by default; the spill file gets every secret form it knows masked. */
  constructor(
    private readonly label: string,
    private readonly stream: 'stdout' | 'stderr',
    private readonly limitless = false,
    private readonly masker: Masker | undefined = currentMasker(),
  ) {}

  push(chunk: Buffer): void {
    this.#total += chunk.length;
    if (this.#fd !== undefined) this.#write(chunk);
    let rest = chunk;
    if (this.#headBytes < OUTPUT_HEAD_BYTES || this.limitless) {
      const take = this.limitless ? rest.length : Math.min(rest.length, OUTPUT_HEAD_BYTES - this.#headBytes);
      this.#head.push(rest.subarray(0, take));
      this.#headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    this.#tail.push(rest);
    this.#tailBytes += rest.length;
    if (this.#tailBytes > OUTPUT_TAIL_BYTES) this.#spill();
  }

  /** Too big: the whole output so far goes to a file, the middle leaves memory. */
  #spill(): void {
    if (this.#fd === undefined) {
      const safe = this.label.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60);
      this.#file = path.join(spillDir(), `${safe}-${Date.now()}-${randomBytes(4).toString('hex')}.${this.stream}`);
      this.#fd = openSync(this.#file, 'wx', 0o600);
      this.#masking = this.masker && new StreamMasker(this.masker);
      for (const b of [...this.#head, ...this.#tail]) this.#write(b);
    }
    let extra = this.#tailBytes - OUTPUT_TAIL_BYTES;
    while (extra > 0) {
      const first = this.#tail[0]!;
      if (first.length <= extra) {
        this.#tail.shift();
        extra -= first.length;
        this.#tailBytes -= first.length;
      } else {
        this.#tail[0] = first.subarray(extra);
        this.#tailBytes -= extra;
        extra = 0;
      }
    }
  }

  #write(chunk: Buffer): void {
    const out = this.#masking ? this.#masking.push(chunk) : chunk;
    if (out.length > 0) writeSync(this.#fd!, out);
  }

  finish(): CollectedOutput {
    if (this.#fd !== undefined) {
      const rest = this.#masking?.end();
      if (rest && rest.length > 0) writeSync(this.#fd, rest);
      closeSync(this.#fd);
    }
    const head = Buffer.concat(this.#head);
    const tail = Buffer.concat(this.#tail);
    if (this.#file === undefined) return { text: Buffer.concat([head, tail]).toString('utf8'), bytes: this.#total };
    // neither cut splits a UTF-8 character: an incomplete last one of the head, leading continuation bytes of the tail
    const headText = new TextDecoder('utf-8').decode(head, { stream: true });
    let skip = 0;
    while (skip < 3 && skip < tail.length && (tail[skip]! & 0xc0) === 0x80) skip++;
    const kept = Buffer.byteLength(headText) + tail.length - skip;
    const note = `\n[esbplay: ${this.#total - kept} bytes of ${this.stream} not kept in memory (${this.#total} in all); the whole ${this.stream} is in ${this.#file}${this.masker ? ', secrets masked' : ''}]\n`;
    return { text: headText + note + tail.subarray(skip).toString('utf8'), bytes: this.#total, file: this.#file };
  }
}
