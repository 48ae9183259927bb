// JDBC URLs the stand-in understands (H2 built in, MySQL/MariaDB over the wire), host names resolved through the node's hosts file.

import { readFileSync } from 'node:fs';
import net from 'node:net';

export type JdbcTarget =
  | { readonly kind: 'h2'; readonly path: string }
  | { readonly kind: 'mysql'; readonly scheme: 'mysql' | 'mariadb'; readonly host: string; readonly port: number; readonly database?: string; readonly params: ReadonlyMap<string, string> }
  | { readonly kind: 'other'; readonly scheme: string };

/** Parses jdbc:h2:..., jdbc:mysql://host[:port][,more]/db?k=v and jdbc:mariadb://...; anything else is 'other'. */
export function parseJdbcUrl(url: string): JdbcTarget | undefined {
  if (!url.startsWith('jdbc:')) return undefined;
  if (url.startsWith('jdbc:h2:')) {
    const rest = url.slice('jdbc:h2:'.length).split(';')[0]!;
    return { kind: 'h2', path: rest.replace(/^file:/, '') };
  }
  const m = /^jdbc:(mysql|mariadb):(?:loadbalance:|replication:|failover:|sequential:|aurora:)?\/\/([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!m) return { kind: 'other', scheme: url.split(':')[1] ?? '' };
  const first = (m[2] ?? '').split(',')[0]!;
  const hp = /^\[([^\]]+)\](?::(\d+))?$/.exec(first) ?? /^([^:]*)(?::(\d+))?$/.exec(first);
  const params = new Map<string, string>();
  for (const kv of (m[4] ?? '').split('&')) {
    if (!kv) continue;
    const eq = kv.indexOf('=');
    params.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : decodeURIComponent(kv.slice(eq + 1)));
  }
  return {
    kind: 'mysql',
    scheme: m[1] as 'mysql' | 'mariadb',
    host: hp?.[1] || 'localhost',
    port: hp?.[2] ? Number(hp[2]) : 3306,
    database: m[3] ? decodeURIComponent(m[3]) : undefined,
    params,
  };
}

/** The address of a host name as this node resolves it: an IP literal, else the node's own hosts file (no DNS here). */
export function resolveHost(name: string, hostsFile: string): string | undefined {
  if (net.isIP(name)) return name;
  let text: string;
  try {
    text = readFileSync(hostsFile, 'utf8');
  } catch {
    return undefined;
  }
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2 || !net.isIP(fields[0]!)) continue;
    if (fields.slice(1).some((h) => h.toLowerCase() === name.toLowerCase())) return fields[0];
  }
  return undefined;
}
