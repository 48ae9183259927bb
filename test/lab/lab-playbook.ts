// Playbook-level lab helpers: a project dir next to the lab, the real CLI with JSON output, per-host tree hashes, real nginx per host.

import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Lab, LabHost } from './lab.js';
import { cli, hashTree, type CliResult } from '../engine/helpers.js';

/** Writes files (relative path -> text) into a fresh project directory inside the lab dir and returns it. */
export async function writeProject(lab: Pick<Lab, 'dir'>, name: string, files: Readonly<Record<string, string>>): Promise<string> {
  const dir = path.join(lab.dir, name);
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

export interface HostJson {
  readonly status: string;
  readonly result?: Record<string, unknown>;
  readonly diff?: string[];
}
export interface TaskJson {
  readonly task: { readonly name: string; readonly module: string; readonly handler: boolean };
  readonly hosts: Readonly<Record<string, HostJson>>;
}
export interface RunJson {
  readonly plays: ReadonlyArray<{ readonly tasks: readonly TaskJson[] }>;
  readonly stats: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly exit_code: number;
}

export interface JsonRun extends CliResult {
  readonly json: RunJson;
}

/** `esbplay run PLAYBOOK -i INVENTORY --output json ...rest` through the real CLI; the JSON document parsed. */
export async function runJson(playbook: string, inventory: string, ...rest: string[]): Promise<JsonRun> {
  const r = await cli(['run', playbook, '-i', inventory, '--output', 'json', ...rest]);
  let json: RunJson;
  try {
    json = JSON.parse(r.out) as RunJson;
  } catch {
    throw new Error(`no JSON document from esbplay (exit ${r.code}):\n${r.out}\n${r.err}`);
  }
  return { ...r, json };
}

/** "host|task" for every result with this status, over all plays (handlers included). */
export function keysWithStatus(json: RunJson, status: string): string[] {
  const keys: string[] = [];
  for (const p of json.plays) {
    for (const t of p.tasks) for (const [h, r] of Object.entries(t.hosts)) if (r.status === status) keys.push(`${h}|${t.task.name}`);
  }
  return keys.sort();
}

/** sha256 + mode of every file under every lab host's root (host name -> rel path -> hash). */
export function hashLabHosts(lab: Lab): Record<string, Record<string, string>> {
  return Object.fromEntries(lab.hosts.map((h) => [h.name, hashTree(h.root)]));
}

/** Files under a host's root whose names look like a temp file of an atomic write (sftp or exec script). */
export async function strayTempFiles(host: LabHost): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (/^\.esbplay\.|\.esbplay-[0-9a-f]+\.tmp$/.test(e.name)) found.push(path.relative(host.root, full));
    }
  };
  await walk(host.root);
  return found;
}

export const NGINX = '/usr/sbin/nginx';

/** Null when Debian's nginx is there (installed with apt-get when root and missing), else why not. */
export function ensureNginx(): string | null {
  if (existsSync(NGINX)) return null;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return 'nginx is not installed and cannot be installed here';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
  let r = spawnSync('apt-get', ['install', '-y', '-q', 'nginx'], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { env, encoding: 'utf8' });
    r = spawnSync('apt-get', ['install', '-y', '-q', 'nginx'], { env, encoding: 'utf8' });
  }
  return existsSync(NGINX) ? null : `apt-get install nginx failed: ${(r.stderr || r.stdout || '').trim().split('\n').pop()}`;
}

/**
 * Gives each lab host its own nginx.conf in its /etc/nginx: pid file, logs and temp dirs under
 * the host's /opt/nginx, sites from /etc/nginx/conf.d. Debian's /etc/init.d/nginx reads the pid
 * path from that file, so `service nginx ...` inside each host's namespace manages that host's nginx.
 */
export async function writeNginxBase(host: LabHost): Promise<void> {
  const run = '/opt/nginx';
  await fs.mkdir(path.join(host.root, 'opt', 'nginx', 'tmp'), { recursive: true });
  await fs.mkdir(path.join(host.root, 'etc-nginx', 'conf.d'), { recursive: true });
  const conf = [
    'user root;',
    'worker_processes 1;',
    `pid ${run}/nginx.pid;`,
    `error_log ${run}/error.log;`,
    'events { worker_connections 64; }',
    'http {',
    `  access_log ${run}/access.log;`,
    `  client_body_temp_path ${run}/tmp/body;`,
    `  proxy_temp_path ${run}/tmp/proxy;`,
    `  fastcgi_temp_path ${run}/tmp/fastcgi;`,
    `  uwsgi_temp_path ${run}/tmp/uwsgi;`,
    `  scgi_temp_path ${run}/tmp/scgi;`,
    '  include /etc/nginx/conf.d/*.conf;',
    '}',
    '',
  ].join('\n');
  await fs.writeFile(path.join(host.root, 'etc-nginx', 'nginx.conf'), conf);
}

/** GET http://address:port/ from the controller: the body, or null when nothing answers. */
export async function httpGet(address: string, port: number): Promise<string | null> {
  try {
    const res = await fetch(`http://${address}:${port}/`, { signal: AbortSignal.timeout(5000) });
    return await res.text();
  } catch {
    return null;
  }
}
