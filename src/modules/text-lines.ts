// Text files as lines: byte-exact decoding, splitting that keeps each line's terminator, EOL detection.

export type TextEncoding = 'utf8' | 'latin1';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (which round-trips every byte). */
export function decodeText(buf: Buffer): DecodedText {
  try {
    return { text: UTF8.decode(buf), encoding: 'utf8' };
  } catch {
    return { text: buf.toString('latin1'), encoding: 'latin1' };
  }
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  return Buffer.from(text, encoding);
}

/** Splits after each '\n' (like Python's readlines on bytes): joining the parts gives the text back. */
export function splitLinesKeepEnds(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** A line without its terminator ('\n' or '\r\n'). */
export function stripEol(line: string): string {
  return line.replace(/\r?\n$/, '');
}

/** The file's line separator: '\r\n' when its first terminated line uses it, else '\n'. */
export function detectEol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** True when the text is non-empty and its last line has no terminator. */
export function lacksFinalNewline(lines: readonly string[]): boolean {
  const last = lines[lines.length - 1];
  return last !== undefined && !last.endsWith('\n') && !last.endsWith('\r');
}
