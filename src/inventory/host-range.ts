// Expands Ansible host ranges (`wrk[01:03]`, `db-[a:c]`, `n[1:10:2]`) and splits a `host:port` suffix.

/** Called with a message when a host pattern is malformed; the caller adds the location. */
export type Fail = (message: string) => never;

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MAX_HOSTS = 100_000;

/** All host names a pattern with zero or more `[begin:end(:step)]` ranges stands for. */
export function expandHostRange(pattern: string, fail: Fail): string[] {
  const open = pattern.indexOf('[');
  if (open < 0) {
    if (pattern.includes(']')) fail(`bad host range in '${pattern}': ']' without '['`);
    return [pattern];
  }
  const close = pattern.indexOf(']', open);
  if (close < 0) fail(`bad host range in '${pattern}': '[' without ']'`);
  const head = pattern.slice(0, open);
  const body = pattern.slice(open + 1, close);
  const tail = pattern.slice(close + 1);
  const seq = expandBounds(body, pattern, fail);
  const out: string[] = [];
  for (const s of seq) {
    out.push(...expandHostRange(head + s + tail, fail));
    if (out.length > MAX_HOSTS) fail(`host range '${pattern}' expands to more than ${MAX_HOSTS} hosts`);
  }
  return out;
}

function expandBounds(body: string, pattern: string, fail: Fail): string[] {
  const bad = (why: string): never => fail(`bad host range '[${body}]' in '${pattern}': ${why}`);
  const bounds = body.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) bad('expected [begin:end] or [begin:end:step]');
  const beg = bounds[0] || '0';
  const end = bounds[1]!;
  const stepText = bounds[2] ?? '1';
  if (end === '') bad('the end value is missing');
  if (!/^[1-9]\d*$/.test(stepText)) bad(`the step must be a positive integer, got '${stepText}'`);
  const step = Number(stepText);
  const seq: string[] = [];
  if (/^\d+$/.test(beg) && /^\d+$/.test(end)) {
    const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
    if (width && end.length !== width) bad('a zero-padded begin needs an end of the same length');
    const b = Number(beg);
    const e = Number(end);
    if (b > e) bad('begin is greater than end');
    if ((e - b) / step > MAX_HOSTS) bad(`more than ${MAX_HOSTS} hosts`);
    for (let i = b; i <= e; i += step) seq.push(String(i).padStart(width, '0'));
  } else if (/^[a-zA-Z]$/.test(beg) && /^[a-zA-Z]$/.test(end)) {
    const b = LETTERS.indexOf(beg);
    const e = LETTERS.indexOf(end);
    if (b > e) bad('begin is after end');
    for (let i = b; i <= e; i += step) seq.push(LETTERS[i]!);
  } else {
    bad('begin and end must both be numbers or both be single letters');
  }
  return seq;
}

/** Splits `host:port`, `[ipv6]:port`; a bare IPv6 address has no port. */
export function splitHostPort(token: string, fail: Fail): { host: string; port?: number } {
  const v6 = /^\[([0-9a-fA-F]*:[0-9a-fA-F:.]*)\](?::(\d+))?$/.exec(token);
  if (v6) return v6[2] ? { host: v6[1]!, port: toPort(v6[2], token, fail) } : { host: v6[1]! };
  const outside = token.replace(/\[[^\]]*\]/g, '');
  const colons = outside.split(':').length - 1;
  if (colons === 0 || colons > 1) return { host: token };
  const at = lastColonOutsideBrackets(token);
  const host = token.slice(0, at);
  const port = token.slice(at + 1);
  if (!/^\d+$/.test(port)) fail(`bad port '${port}' in host '${token}' (expected host or host:port)`);
  if (host === '') fail(`missing host name before ':${port}'`);
  return { host, port: toPort(port, token, fail) };
}

function toPort(text: string, token: string, fail: Fail): number {
  const n = Number(text);
  if (n < 1 || n > 65535) fail(`bad port ${text} in host '${token}' (expected 1-65535)`);
  return n;
}

function lastColonOutsideBrackets(s: string): number {
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === ']') depth++;
    else if (s[i] === '[') depth--;
    else if (s[i] === ':' && depth === 0) return i;
  }
  return -1;
}
