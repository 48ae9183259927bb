// Well-known member host names as Carbon accepts them: a name, an IP, or an IPv4 last-octet range like 192.168.1.2-10.

/** Expands `a.b.c.x-y` into each address; anything else is returned as is. */
export function expandMemberHosts(host: string): string[] {
  const m = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.)(\d{1,3})-(\d{1,3})$/.exec(host.trim());
  if (!m) return [host.trim()];
  const from = Number(m[2]);
  const to = Number(m[3]);
  if (from > to || to > 255) return [host.trim()];
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${m[1]}${i}`);
  return out;
}
