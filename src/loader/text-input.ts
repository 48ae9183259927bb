// Users' text files (playbooks, vars, inventories, templates): a size limit, decoded as they declare (BOM, XML declaration) or strictly as UTF-8, never with U+FFFD.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { UserError, type SourceLoc } from '../errors.js';
import { readDeclaredEncoding } from '../xml/encoding.js';

/** No playbook, vars file, inventory or template is bigger than this (an alias bomb or a runaway file is refused early). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type InputEncoding = 'utf8' | 'latin1' | 'ascii' | 'utf16le' | 'utf16be';

export interface DecodedInput {
  readonly text: string;
  readonly encoding: InputEncoding;
  /** the encoding named by an XML declaration, when the caller asked for declarations */
  readonly declared: string | null;
}

const LATIN1 = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1']);
const ASCII = new Set(['us-ascii', 'ascii']);
const UTF8 = new Set(['utf-8', 'utf8']);

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function invalidUtf8Offset(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    // overlongs, surrogates and code points above U+10FFFF
    if ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! > 0x9f) || (c === 0xf0 && b[i + 1]! < 0x90) || (c === 0xf4 && b[i + 1]! > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

function locOfOffset(bytes: Buffer, offset: number, file: string): SourceLoc {
  const before = bytes.subarray(0, offset);
  let line = 1;
  let start = 0;
  for (let i = 0; i < before.length; i++) if (before[i] === 0x0a) { line++; start = i + 1; }
  return { file, line, col: offset - start + 1 };
}

/**
 * Decodes a user's file: UTF-16 with a BOM, else (when `xmlDeclaration`) the encoding an XML
 * declaration names (UTF-8, ISO-8859-1, US-ASCII), else UTF-8 (a BOM is dropped). Bytes that are
 * not valid in that encoding are refused with file:line:col, never replaced.
 */
export function decodeInput(bytes: Buffer, file: string, opts: { readonly xmlDeclaration?: boolean } = {}): DecodedInput {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strictDecode(bytes.subarray(2), 'utf-16le', file), encoding: 'utf16le', declared: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strictDecode(bytes.subarray(2), 'utf-16be', file), encoding: 'utf16be', declared: null };
  const declared = opts.xmlDeclaration ? readDeclaredEncoding(bytes) : null;
  const name = declared?.toLowerCase();
  if (name !== undefined && LATIN1.has(name)) return { text: bytes.toString('latin1'), encoding: 'latin1', declared };
  if (name !== undefined && !UTF8.has(name) && !ASCII.has(name)) {
    throw new UserError(`${file} declares encoding '${declared}', which esbplay does not read (use UTF-8, ISO-8859-1 or US-ASCII)`, { file, line: 1, col: 1 });
  }
  const bad = name !== undefined && ASCII.has(name) ? bytes.findIndex((x) => x > 0x7f) : invalidUtf8Offset(bytes);
  if (bad >= 0) {
    const what = declared ? `declared ${declared}` : 'UTF-8 (the encoding esbplay reads when a file declares none)';
    throw new UserError(`${file} is not valid ${what}: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} cannot be read; ` +
      'save the file as UTF-8' + (opts.xmlDeclaration ? ', or declare its real encoding in the XML declaration' : ''), locOfOffset(bytes, bad, file));
  }
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: name !== undefined && ASCII.has(name) ? 'ascii' : 'utf8', declared };
}

function strictDecode(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${file} starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}`, { file, line: 1, col: 1 });
  }
}

/** Reads and decodes a user's file; too large, a directory or unreadable is a UserError pointing at `from`. */
export function readInputFile(file: string, from?: SourceLoc, opts: { readonly xmlDeclaration?: boolean } = {}): DecodedInput {
  const tooLarge = (size: number | string) => new UserError(`${file} is too large (${size} bytes; esbplay reads files up to ${MAX_INPUT_BYTES} bytes)`, from);
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError(`${file} is a directory, not a file`, from);
    if (st.size > MAX_INPUT_BYTES) throw tooLarge(st.size);
    // a pipe or a device (-e @/dev/stdin, or @/dev/zero by mistake) is read up to the limit, never without end
    bytes = st.isFile() ? readFileSync(file) : readCapped(file);
    if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(`more than ${MAX_INPUT_BYTES}`);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as { code?: string }).code;
    throw new UserError(code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${(e as Error).message}`, from);
  }
  return decodeInput(bytes, file, opts);
}

function readCapped(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(1 << 16);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_INPUT_BYTES) break;
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** Encodes rendered text back into the encoding its source declared; a character it cannot hold is an error naming it. */
export function encodeAs(text: string, encoding: InputEncoding, file: string): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    const le = Buffer.from(`\ufeff${text}`, 'utf16le'); // with the byte-order mark the source had
    return encoding === 'utf16be' ? le.swap16() : le;
  }
  const max = encoding === 'latin1' ? 0xff : 0x7f;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > max) {
      const line = text.slice(0, i).split('\n').length;
      throw new UserError(`the rendered text of ${file} has '${String.fromCodePoint(code)}' (U+${code.toString(16).toUpperCase().padStart(4, '0')}) on line ${line}, ` +
        `which the template's declared encoding (${encoding === 'latin1' ? 'ISO-8859-1' : 'US-ASCII'}) cannot hold; use a character reference (&#${code};) or declare UTF-8`, { file, line, col: i - text.lastIndexOf('\n', i - 1) });
    }
  }
  return Buffer.from(text, 'latin1');
}
