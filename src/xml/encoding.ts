// Declared-encoding handling: decode file bytes exactly, re-encode them exactly, escape what the encoding cannot hold.

import { XmlEditError } from './errors.js';

/** How the file's characters map to bytes. `ascii` covers declared encodings we keep byte-wise but only extend with ASCII. */
export type ByteEncoding = 'utf8' | 'latin1' | 'ascii';

export interface DecodedXml {
  readonly text: string;
  readonly encoding: ByteEncoding;
  /** the encoding name as declared, or null when there is no declaration */
  readonly declared: string | null;
  /** length of a byte-order mark at the start of `text` (0 or 1 character) */
  readonly bomLength: number;
}

const LATIN1 = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'iso-ir-100', 'cp819']);
const ASCII_BYTEWISE = new Set(['us-ascii', 'ascii', 'windows-1252', 'cp1252']);
const UTF8 = new Set(['utf-8', 'utf8']);

/** Reads the encoding name from an XML declaration at the very start of the bytes, if any. */
export function readDeclaredEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 400).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  const decl = /^<\?xml\s[^>]*?\?>/.exec(head);
  if (!decl) return null;
  const enc = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(decl[0]);
  return enc ? enc[2]! : null;
}

/** Decodes bytes with the declared encoding; fails when the bytes would not round-trip exactly. */
export function decodeXml(bytes: Buffer, file: string): DecodedXml {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new XmlEditError(`${file}: UTF-16 files are not supported by the xml module (convert the file to UTF-8)`);
  }
  const declared = readDeclaredEncoding(bytes);
  const encoding = pickEncoding(declared, file);
  const text = bytes.toString(encoding === 'utf8' ? 'utf8' : 'latin1');
  if (encoding === 'utf8' && !Buffer.from(text, 'utf8').equals(bytes)) {
    throw new XmlEditError(`${file}: the file is not valid UTF-8${declared ? '' : ' (it has no encoding declaration, so UTF-8 is assumed)'}; fix the bytes or declare the real encoding`);
  }
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { text, encoding, declared, bomLength };
}

function pickEncoding(declared: string | null, file: string): ByteEncoding {
  if (declared === null) return 'utf8';
  const name = declared.toLowerCase();
  if (UTF8.has(name)) return 'utf8';
  if (LATIN1.has(name)) return 'latin1';
  if (ASCII_BYTEWISE.has(name)) return 'ascii';
  throw new XmlEditError(`${file}: declared encoding '${declared}' is not supported (supported: UTF-8, ISO-8859-1, US-ASCII, windows-1252)`);
}

/** Encodes text back to bytes in the file's encoding (exact inverse of decodeXml for unchanged text). */
export function encodeXml(text: string, encoding: ByteEncoding): Buffer {
  return Buffer.from(text, encoding === 'utf8' ? 'utf8' : 'latin1');
}

function canHold(code: number, encoding: ByteEncoding): boolean {
  if (encoding === 'utf8') return true;
  return encoding === 'latin1' ? code <= 0xff : code < 0x80;
}

function escapeWith(value: string, encoding: ByteEncoding, special: Record<string, string>): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (special[ch] !== undefined) out += special[ch];
    else if (!canHold(code, encoding)) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

/** Escapes element text for insertion: markup characters and characters the encoding cannot hold. */
export function escapeText(value: string, encoding: ByteEncoding): string {
  return escapeWith(value, encoding, { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' });
}

/** Escapes an attribute value written between `quote` characters. */
export function escapeAttr(value: string, quote: '"' | "'", encoding: ByteEncoding): string {
  const special: Record<string, string> = { '&': '&amp;', '<': '&lt;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
  special[quote] = quote === '"' ? '&quot;' : '&apos;';
  return escapeWith(value, encoding, special);
}
