// Writes a reproducible ustar archive, gzipped (fixed mtimes, root owner, given order), that `tar -tv` lists.

import { gzipSync } from 'node:zlib';
import { FIXED_MTIME_SECONDS, type ArchiveEntry } from './archive-entry.mjs';

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a long path into ustar's prefix (<=155) and name (<=100) at a slash. */
function splitName(p: string): [string, string] {
  if (Buffer.byteLength(p) <= 100) return ['', p];
  const trimmed = p.endsWith('/') ? p.slice(0, -1) : p;
  for (let i = trimmed.lastIndexOf('/'); i > 0; i = trimmed.lastIndexOf('/', i - 1)) {
    const prefix = p.slice(0, i);
    const name = p.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name];
  }
  throw new Error(`path too long for ustar: ${p}`);
}

function header(e: ArchiveEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  const [prefix, name] = splitName(e.path);
  const isDir = e.path.endsWith('/');
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(FIXED_MTIME_SECONDS, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(isDir ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** .tar.gz bytes for the entries in the given order. */
export function writeTarGz(entries: readonly ArchiveEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = e.path.endsWith('/') ? Buffer.alloc(0) : (e.data ?? Buffer.alloc(0));
    blocks.push(header(e, data.length), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) blocks.push(Buffer.alloc(pad));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}
