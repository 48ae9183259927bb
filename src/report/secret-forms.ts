// Every form a secret takes inside files, commands and output: raw, XML-, JSON-, URL-, shell-, YAML/SQL-escaped, base64.

import { escapeAttr, escapeText, type ByteEncoding } from '../xml/encoding.js';
import { quoteArg } from '../connection/quote.js';

const XML_ENCODINGS: readonly ByteEncoding[] = ['utf8', 'latin1', 'ascii'];

/**
 * The distinct texts under which `secret` can appear in a file, a command line or a JSON/URL
 * string written by esbplay or by the tools it drives. Used by the Masker and by grep tests.
 * (A secret inside a longer base64 blob cannot be found this way; base64 of the value itself can.)
 */
export function secretForms(secret: string): string[] {
  const out = new Set<string>([secret]);
  for (const enc of XML_ENCODINGS) {
    out.add(escapeText(secret, enc));
    out.add(escapeAttr(secret, '"', enc));
    out.add(escapeAttr(secret, "'", enc));
    out.add(escapeAttr(escapeText(secret, enc), '"', enc).replace(/&amp;/g, '&'));
  }
  out.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
  out.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
  const json = JSON.stringify(secret).slice(1, -1);
  out.add(json);
  out.add(json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  out.add(json.replace(/\//g, '\\/'));
  out.add(encodeURIComponent(secret));
  out.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  out.add(pythonQuote(secret, '/'));
  out.add(pythonQuote(secret, '').replace(/%20/g, '+'));
  for (const f of whatwgUrlForms(secret)) out.add(f);
  out.add(quoteArg(secret));
  out.add(secret.replace(/'/g, `'\\''`));
  out.add(secret.replace(/'/g, `'"'"'`));
  out.add(secret.replace(/(["\\$`])/g, '\\$1'));
  out.add(secret.replace(/'/g, "''"));
  out.add(secret.replace(/(['"\\])/g, '\\$1'));
  out.add(Buffer.from(secret, 'utf8').toString('base64'));
  return [...out].filter((f) => f.length > 0);
}

/** Python's urllib.parse.quote: unreserved characters and `safe` stay, everything else is %XX of its UTF-8 bytes. */
function pythonQuote(s: string, safe: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9_.~-]/.test(c) || (b < 0x80 && safe.includes(c)) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** How the WHATWG URL parser (fetch, the uri module) writes the value in a query, a path and a user name. */
function whatwgUrlForms(s: string): string[] {
  try {
    const query = new URL(`http://h/?${s.replace(/#/g, '%23')}`).search.slice(1);
    // a path stops at ? and #: that form would be a mere prefix of the value
    const pathForm = /[?#]/.test(s) ? [] : [new URL(`http://h/${s}`).pathname.slice(1)];
    return [query, ...pathForm, new URL(`http://u:${encodeURIComponent(s)}@h/`).password];
  } catch {
    return [];
  }
}
