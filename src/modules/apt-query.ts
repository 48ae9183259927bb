// What apt and dpkg know on the host: package specs, dpkg-query status, apt-cache policy candidates, .deb fields.

import type { ReadContext } from './types.js';
import { requireConn } from './file-common.js';

/** Every apt/dpkg command runs with this environment (argv `env` prefix, so sudo keeps it). */
export const APT_ENV = ['env', 'DEBIAN_FRONTEND=noninteractive', 'DEBIAN_PRIORITY=critical', 'LC_ALL=C'];

export interface PackageSpec {
  /** as written: `nginx`, `nginx=1.22*`, `libc6:amd64`, `openssl>=3.0` */
  readonly spec: string;
  /** the name apt and dpkg know it by, with `:arch` when given */
  readonly name: string;
  readonly op?: '=' | '>=';
  readonly version?: string;
}

/** Ansible's package_split: name, then an optional `=` or `>=` and a version. */
export function parsePackageSpec(spec: string): PackageSpec | string {
  const s = spec.trim();
  const m = /^([^=<>\s]+?)(>?=)(.*)$/.exec(s);
  if (!m) return /^[a-z0-9][a-z0-9+.:-]*$/i.test(s) ? { spec: s, name: s } : `invalid package name '${spec}'`;
  const [, name = '', op, version = ''] = m;
  if (version === '' || version.includes('=')) return `invalid package spec: ${spec}`;
  return { spec: s, name, op: op as '=' | '>=', version };
}

export interface DpkgState {
  /** dpkg's db:Status-Status: installed, config-files, half-installed, unpacked... */
  readonly status: string;
  readonly version: string;
}

async function run(ctx: ReadContext, argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const r = await requireConn(ctx, 'apt').exec([...APT_ENV, ...argv], { become: ctx.become });
  return { code: r.exitCode, out: r.stdout, err: r.stderr };
}

function missingTool(ctx: ReadContext, tool: string): Error {
  return new Error(`${tool} not found on ${ctx.host}: the apt module works on Debian/Ubuntu hosts (dpkg and apt) only`);
}

/** dpkg's status and version of each name (names dpkg has never seen are absent from the map). */
export async function queryDpkg(ctx: ReadContext, names: readonly string[]): Promise<Map<string, DpkgState>> {
  const map = new Map<string, DpkgState>();
  if (names.length === 0) return map;
  const r = await run(ctx, ['dpkg-query', '-W', '-f', '${binary:Package}\\t${Package}\\t${db:Status-Status}\\t${Version}\\n', '--', ...names]);
  if (r.code === 127) throw missingTool(ctx, 'dpkg-query');
  if (r.code !== 0 && r.code !== 1) throw new Error(`dpkg-query failed on ${ctx.host}: ${r.err.trim() || `exit ${r.code}`}`);
  for (const line of r.out.split('\n')) {
    const [full = '', bare = '', status = '', version = ''] = line.split('\t');
    if (!full) continue;
    // a name without :arch matches any architecture; an installed entry wins over a removed one
    for (const key of new Set([full, bare])) {
      const prev = map.get(key);
      if (!prev || (prev.status !== 'installed' && status === 'installed')) map.set(key, { status, version });
    }
  }
  return map;
}

export interface PolicyEntry {
  /** null when apt knows the name but has nothing to install (virtual package, no source) */
  readonly candidate: string | null;
  /** every version apt could install or has installed, best first */
  readonly versions: readonly string[];
}

/** apt-cache policy for the names; names apt does not know at all are absent from the map. */
export async function queryPolicy(ctx: ReadContext, names: readonly string[]): Promise<Map<string, PolicyEntry>> {
  const map = new Map<string, PolicyEntry>();
  if (names.length === 0) return map;
  const r = await run(ctx, ['apt-cache', 'policy', '--', ...names]);
  if (r.code === 127) throw missingTool(ctx, 'apt-cache');
  if (r.code !== 0) throw new Error(`apt-cache policy failed on ${ctx.host}: ${r.err.trim() || `exit ${r.code}`}`);
  let name: string | undefined;
  let candidate: string | null = null;
  let versions: string[] = [];
  const flush = () => {
    if (name !== undefined) map.set(name, { candidate, versions });
  };
  for (const line of r.out.split('\n')) {
    const header = /^(\S+):$/.exec(line);
    if (header) {
      flush();
      name = header[1];
      candidate = null;
      versions = [];
      continue;
    }
    const cand = /^ {2}Candidate: (.+)$/.exec(line);
    if (cand) candidate = cand[1] === '(none)' ? null : cand[1]!;
    const ver = /^ (?:\*\*\*| {3}) (\S+) -?\d+\s*$/.exec(line);
    if (ver && !versions.includes(ver[1]!)) versions.push(ver[1]!);
  }
  flush();
  // apt-cache names a native-architecture package without its :arch suffix
  for (const n of names) {
    const bare = n.replace(/:[^:]+$/, '');
    if (!map.has(n) && bare !== n && map.has(bare)) map.set(n, map.get(bare)!);
  }
  return map;
}

export interface DebFields {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
}

/** Package, Version and Architecture of a .deb file on the host, or a message why they cannot be read. */
export async function readDebFields(ctx: ReadContext, path: string): Promise<DebFields | string> {
  const st = await requireConn(ctx, 'apt').stat(path, { become: ctx.become });
  if (!st.exists) return `deb file ${path} does not exist on ${ctx.host}`;
  const r = await run(ctx, ['dpkg-deb', '-f', path, 'Package', 'Version', 'Architecture']);
  if (r.code === 127) throw missingTool(ctx, 'dpkg-deb');
  if (r.code !== 0) return `cannot read ${path} as a Debian package: ${r.err.trim().split('\n').pop() ?? `exit ${r.code}`}`;
  const field = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(r.out)?.[1]?.trim() ?? '';
  return { name: field('Package'), version: field('Version'), architecture: field('Architecture') };
}
