// Names and dates for x509_certificate: subjectAltName entries in one canonical form, the -subj argument, validity periods.

import net from 'node:net';

/** An IPv6 address written out in full (8 groups, lowercase, no leading zeros), as certificates show it. */
function expandV6(addr: string): string {
  let text = addr.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    text = text.slice(0, v4.index) + `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => parseInt(g, 16).toString(16)).join(':');
}

/**
 * subjectAltName entries as `DNS:name`, `IP:addr`, `email:x`, `URI:x`, in the given order without
 * duplicates. A bare entry is `IP:` when it is an address, else `DNS:`.
 */
export function canonicalSans(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of entries) {
    const m = /^(DNS|IP|email|URI):(.*)$/i.exec(raw.trim());
    const kind = m ? ({ dns: 'DNS', ip: 'IP', email: 'email', uri: 'URI' } as Record<string, string>)[m[1]!.toLowerCase()]! : net.isIP(raw.trim()) ? 'IP' : 'DNS';
    let value = (m ? m[2]! : raw).trim();
    if (value === '' || /[,\s]/.test(value)) throw new Error(`subject_alt_name entry '${raw}' is not a single name or address`);
    if (kind === 'IP') {
      if (!net.isIP(value)) throw new Error(`subject_alt_name entry '${raw}' is not an IP address`);
      if (net.isIPv6(value)) value = expandV6(value);
    }
    if (kind === 'DNS') value = value.toLowerCase();
    const entry = `${kind}:${value}`;
    if (!out.includes(entry)) out.push(entry);
  }
  return out;
}

/** `-subj` for openssl req: `/CN=name`, with OpenSSL's special characters escaped. */
export function subjectArg(commonName: string): string {
  if (commonName.length === 0 || commonName.length > 64) throw new Error(`common_name must have 1 to 64 characters (X.509 limit), got ${commonName.length}`);
  if (/[\x00-\x1f]/.test(commonName)) throw new Error('common_name must not contain control characters');
  return `/CN=${commonName.replace(/[\\/+,=]/g, (c) => `\\${c}`)}`;
}

/** `+3650d`, `+52w`, `+1w3d` -> whole days. */
export function parseNotAfter(spec: string): number {
  const m = /^\+(?:(\d+)w)?(?:(\d+)d)?$/.exec(spec.trim());
  const days = m ? Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0) : 0;
  if (!m || days < 1) throw new Error(`selfsigned_not_after '${spec}' must be a period from now like +3650d or +52w`);
  return days;
}
