// Whole-file reads over SFTP in two round trips: open, then every chunk and an end-of-file probe at once; close is not waited for.
//
// ssh2's readFile() waits for open, fstat, each read and close in turn. Here the reads of a file whose
// size is known (from an lstat sent together with the open, or an fstat sent with the first read) go
// out together with one read just past the end: when that one answers end-of-file the bytes are
// complete. A file that changed size meanwhile (short read, data past the end) is read on in order
// until the server says end-of-file. The close is sent, not awaited (the channel answers in order).

import type { SFTPWrapper, Stats } from 'ssh2';

const NO_SUCH_FILE = 2;
const CHUNK = 64 * 1024;
/** the first read of a file whose size is not known yet */
const FIRST_READ = 16 * 1024;

type Cb<T> = (cb: (err: Error | undefined | null, v: T) => void) => void;
function call<T>(fn: Cb<T>): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v))));
}

function isNoSuchFile(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === NO_SUCH_FILE;
}

/** Sends the open now; null when the file does not exist. */
export function openForRead(sftp: SFTPWrapper, file: string): Promise<Buffer | null> {
  return call<Buffer>((cb) => sftp.open(file, 'r', cb)).catch((e: unknown) => {
    if (isNoSuchFile(e)) return null;
    throw e;
  });
}

/** Closes a handle without waiting for the answer (an error there changes nothing for the reader). */
export function closeQuietly(sftp: SFTPWrapper, handle: Buffer | null | Promise<Buffer | null>): void {
  void Promise.resolve(handle).then((h) => {
    if (h) sftp.close(h, () => undefined);
  }, () => undefined);
}

/** Bytes read at position (0 at end of file), in a buffer of exactly the length asked for. */
function readAt(sftp: SFTPWrapper, handle: Buffer, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  return new Promise((resolve, reject) => {
    sftp.read(handle, buf, 0, length, position, (e, n) => (e ? reject(e) : resolve(n === length ? buf : buf.subarray(0, n ?? 0))));
  });
}

/** The parts as one buffer (no copy when there is one part). */
function joined(parts: readonly Buffer[], total: number): Buffer {
  return parts.length === 1 && parts[0]!.length === total ? parts[0]! : Buffer.concat(parts, total);
}

/** Reads an open file to its end; `size` (what an lstat or fstat said) lets every read go out at once. */
export function readOpened(sftp: SFTPWrapper, handle: Buffer, size: number): Promise<Buffer> {
  return readRest(sftp, handle, [], 0, size);
}

/** Reads length bytes at position into buf at offset; resolves with how many came (0 at end of file). */
function readInto(sftp: SFTPWrapper, handle: Buffer, buf: Buffer, offset: number, position: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    sftp.read(handle, buf, offset, length, position, (e, n) => (e ? reject(e) : resolve(n ?? 0)));
  });
}

/**
 * After `parts` (the first `from` bytes): the reads of [from, size) and an end-of-file probe at size,
 * all at once, each into its place in one buffer (no chunk buffers and no copy joining them: a
 * 600 KB jar read from 100 hosts at once was 120 MB of buffers instead of 60).
 */
async function readRest(sftp: SFTPWrapper, handle: Buffer, parts: Buffer[], from: number, size: number): Promise<Buffer> {
  const body = Buffer.allocUnsafe(Math.max(size - from, 0));
  const reads: Promise<number>[] = [];
  for (let at = from; at < size; at += CHUNK) reads.push(readInto(sftp, handle, body, at - from, at, Math.min(CHUNK, size - at)));
  const probing = readAt(sftp, handle, Math.max(size, from), 1); // end-of-file probe
  const [got, probe] = await Promise.all([Promise.all(reads), probing]);
  for (let i = 0; i < got.length; i++) {
    if (got[i]! < Math.min(CHUNK, size - (from + i * CHUNK))) {
      // short read: the file shrank; what came before this chunk is good, read on from its end
      const good = i * CHUNK + got[i]!;
      parts.push(body.subarray(0, good));
      return readOn(sftp, handle, parts, from + good);
    }
  }
  if (body.length > 0) parts.push(body);
  if (probe.length === 0) return joined(parts, Math.max(size, from));
  parts.push(probe);
  return readOn(sftp, handle, parts, Math.max(size, from) + probe.length); // it grew: read on in order
}

async function readOn(sftp: SFTPWrapper, handle: Buffer, parts: Buffer[], from: number): Promise<Buffer> {
  let at = from;
  for (;;) {
    const b = await readAt(sftp, handle, at, CHUNK);
    if (b.length === 0) return joined(parts, at);
    parts.push(b);
    at += b.length;
  }
}

/** The whole file, or null when it does not exist: open, then fstat with a first read, then the rest at once. */
export async function readWhole(sftp: SFTPWrapper, file: string): Promise<Buffer | null> {
  const handle = await openForRead(sftp, file);
  if (!handle) return null;
  try {
    // fstat and a first read together: most configuration files fit in it
    const [st, first] = await Promise.all([call<Stats>((cb) => sftp.fstat(handle, cb)), readAt(sftp, handle, 0, FIRST_READ)]);
    if (first.length < FIRST_READ && first.length === st.size) return first;
    if (first.length === 0) return first;
    return await readRest(sftp, handle, [first], first.length, Math.max(st.size, first.length));
  } finally {
    closeQuietly(sftp, handle);
  }
}
