// Helpers of the cluster site tests: site.yml/verify.yml runs on the lab, node pids/processes/logs, requests through the real nginx.

import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startClusterLab, type ClusterLab } from './cluster-lab.js';
import { requireClusterLab } from './cluster-base.js';
import { standinArchives } from '../standin/standin-node.js';
import { runJson, type JsonRun } from './lab-playbook.js';
import { createHash } from 'node:crypto';
import { cli, type CliResult } from '../engine/helpers.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const HOME = '/opt/wso2esb-4.9.0';
export const ESB_HOST = 'esb.wso2.com';
export const MGT_HOST = 'mgt.esb.wso2.com';

export interface TimedRun extends JsonRun {
  readonly ms: number;
}

/** esbplay run playbooks/<name> on the lab's inventory (the stand-in archives given as extra vars), JSON output. */
export async function runPlaybook(
  inventory: string,
  archives: { zip: string; jdk: string },
  name: string,
  ...rest: string[]
): Promise<TimedRun> {
  const t0 = Date.now();
  const r = await runJson(
    path.join(REPO, 'playbooks', name),
    inventory,
    '-e',
    JSON.stringify({ esb_pack_archive: archives.zip, esb_jdk_archive: archives.jdk }),
    ...rest,
  );
  return { ...r, ms: Date.now() - t0 };
}

/** The same without --output json (for runs that end before any play, e.g. exit 5: no JSON document then). */
export function runPlaybookPlain(
  inventory: string,
  archives: { zip: string; jdk: string },
  name: string,
  ...rest: string[]
): Promise<CliResult> {
  return cli([
    'run',
    path.join(REPO, 'playbooks', name),
    '-i',
    inventory,
    '-e',
    JSON.stringify({ esb_pack_archive: archives.zip, esb_jdk_archive: archives.jdk }),
    ...rest,
  ]);
}

/** A host's results in run order: task name and status (loop items each). */
export function resultsOf(run: JsonRun, host: string): Array<{ task: string; status: string }> {
  const out: Array<{ task: string; status: string }> = [];
  for (const p of run.json.plays)
    for (const t of p.tasks) if (t.hosts[host]) out.push({ task: t.task.name, status: t.hosts[host]!.status });
  return out;
}

/** The message lines of the debug task `name` (the first host that printed it). */
export function debugLines(run: JsonRun, name: string): string[] {
  for (const p of run.json.plays) {
    for (const t of p.tasks) {
      if (t.task.name !== name) continue;
      const msg = Object.values(t.hosts)[0]?.result?.msg;
      return Array.isArray(msg) ? msg.map(String) : [String(msg ?? '')];
    }
  }
  return [];
}

/** rolling-restart.yml's summary: 'N node(s) restarted', then a line per node. */
export function summaryOf(run: JsonRun): string[] {
  return debugLines(run, 'the restarts this run made');
}

/**
 * sha256 of every file under each lab host's /etc and /opt, except what a running server writes by
 * itself (the ESB logs and tmp); a run that touched no host leaves these identical.
 */
export async function hashHostFiles(lab: ClusterLab): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  const walk = async (host: string, dir: string): Promise<void> => {
    for (const e of (await fs.readdir(lab.path(host, dir), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = `${dir}/${e.name}`;
      if (/\/repository\/logs$|\/tmp$/.test(p)) continue;
      const full = lab.path(host, p);
      const st = await fs.lstat(full);
      const entry = e.isDirectory()
        ? 'dir'
        : e.isSymbolicLink()
          ? `-> ${await fs.readlink(full)}`
          : createHash('sha256')
              .update(await fs.readFile(full))
              .digest('hex');
      (out[host] ??= {})[p] = `${entry} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
      if (e.isDirectory()) await walk(host, p);
    }
  };
  for (const h of lab.hosts) for (const dir of ['/etc', '/opt']) await walk(h.name, dir);
  return out;
}

export interface SiteLab {
  readonly lab: ClusterLab;
  /** the lab's inventory directory (written again by lab.inventoryDir() after addWorker) */
  inventory: string;
  /** the distribution (zip or tar.gz) and JDK archives given to every run */
  archives: { zip: string; jdk: string };
  /** 24 client addresses of the lab's block that no host uses (the HTTPS upstream is sticky by client address) */
  readonly clients: string[];
  /** esbplay run playbooks/<name> on the lab's inventory, JSON output */
  run(name: string, ...rest: string[]): Promise<TimedRun>;
}

/** For a mocha `before` hook: a cluster lab with `workers` workers (skipped without root/Linux/packages, failing under CI=true). */
export async function openSiteLab(ctx: Mocha.Context, workers: number, version: '4.9.0' | '5.0.0' = '4.9.0'): Promise<SiteLab> {
  requireClusterLab(ctx);
  const a = await standinArchives();
  const lab = await startClusterLab({ workers });
  const site: SiteLab = {
    lab,
    inventory: await lab.inventoryDir(),
    archives: { zip: a.zip[version], jdk: a.jdk },
    clients: Array.from({ length: 24 }, (_, i) => `127.10.${lab.net}.${200 + i}`),
    run: (name, ...rest) => runPlaybook(site.inventory, site.archives, name, ...rest),
  };
  return site;
}

/**
 * Scale in, as docs/operations.md says: the worker's line moves from group esb_worker to group
 * esb_decommission in the lab's hosts.yml (lab.inventoryDir() would write every worker back).
 */
export async function decommissionInInventory(inventory: string, worker: string): Promise<void> {
  const file = path.join(inventory, 'hosts.yml');
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.trimStart().startsWith(`${worker}: `));
  if (i < 0) throw new Error(`${worker} is not in ${file}`);
  const [line] = lines.splice(i, 1);
  const at = lines.findIndex((l) => l === '    esb_decommission:');
  if (at >= 0) lines.splice(at + 2, 0, line!);
  else lines.splice(lines.length - 1, 0, '    esb_decommission:', '      hosts:', line!);
  await fs.writeFile(file, lines.join('\n'));
}

/** The value of a `name: !secret VALUE` line of the inventory's group_vars/all.yml (the lab's passwords). */
export async function readInventorySecret(inventory: string, name: string): Promise<string> {
  const text = await fs.readFile(path.join(inventory, 'group_vars', 'all.yml'), 'utf8');
  const m = new RegExp(`^${name}: !secret (.+)$`, 'm').exec(text);
  if (!m) throw new Error(`no '${name}: !secret' line in ${inventory}/group_vars/all.yml`);
  return m[1]!.startsWith('"') ? (JSON.parse(m[1]!) as string) : m[1]!.trim();
}

/** The load balancer as a client sees it: its address and the certificate it serves for esb.wso2.com. */
export async function lbTarget(lab: ClusterLab): Promise<LbTarget> {
  return { address: lab.host('lb').address, ca: await fs.readFile(lab.path('lb', '/etc/nginx/ssl/wrk.crt'), 'utf8') };
}

/** Number of tasks (handlers included) that ran in a run, over all plays. */
export function tasksOf(run: JsonRun): number {
  return run.json.plays.reduce((n, p) => n + p.tasks.length, 0);
}

/** The failure messages of a run, by host. */
export function failures(run: JsonRun): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of run.json.plays) {
    for (const t of p.tasks) {
      for (const [h, r] of Object.entries(t.hosts)) {
        if (r.status === 'failed') (out[h] ??= []).push(String(r.result?.msg ?? ''));
      }
    }
  }
  return out;
}

/** What went wrong in a run, for an assertion message: each failed task's host, name and message. */
export function explain(run: JsonRun): string {
  const lines: string[] = [`exit ${run.code}`];
  for (const p of run.json.plays) {
    for (const t of p.tasks) {
      for (const [h, r] of Object.entries(t.hosts)) {
        if (r.status === 'failed') lines.push(`${h} | ${t.task.name}: ${String(r.result?.msg ?? JSON.stringify(r.result)).slice(0, 2000)}`);
      }
    }
  }
  return `${lines.join('\n')}\n${run.err.slice(-1000)}`;
}

/** Hosts on which a handler with this name ran (any status), in result order. */
export function handlerHosts(run: JsonRun, name: string): string[] {
  return run.json.plays.flatMap((p) => p.tasks.filter((t) => t.task.handler && t.task.name === name).flatMap((t) => Object.keys(t.hosts)));
}

/** The pid in the node's wso2carbon.pid (under home, the ESB's by default), or undefined. */
export async function nodePid(lab: ClusterLab, host: string, home = HOME): Promise<number | undefined> {
  const text = await fs.readFile(lab.path(host, `${home}/wso2carbon.pid`), 'utf8').catch(() => '');
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** `user args` of a pid inside the host (its own pid namespace and /etc/passwd), '' when it is not running. */
export async function nodeProcess(lab: ClusterLab, host: string, pid: number | undefined): Promise<string> {
  if (pid === undefined) return '';
  const r = await lab.exec(host, ['ps', '-o', 'user=,args=', '-p', String(pid)]);
  return r.stdout.trim();
}

export async function nodeLog(lab: ClusterLab, host: string): Promise<string> {
  return fs.readFile(lab.path(host, `${HOME}/repository/logs/wso2carbon.log`), 'utf8').catch(() => '');
}

/** Times (ms since epoch) of the log lines matching re, from Carbon's `[yyyy-MM-dd HH:mm:ss,SSS]`. */
export function logTimes(log: string, re: RegExp): number[] {
  return log
    .split('\n')
    .filter((l) => re.test(l))
    .map((l) => {
      const m = /\[(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3})\]/.exec(l);
      return m ? Date.parse(`${m[1]}T${m[2]}.${m[3]}Z`) : NaN;
    });
}

export interface LbTarget {
  /** the load balancer's address */
  readonly address: string;
  /** PEM of the certificate nginx serves for esb.wso2.com (trusted as its own CA) */
  readonly ca: string;
}

/**
 * One request through nginx to /services/echo, from `localAddress` (the HTTPS upstream is sticky by
 * client address). Resolves with the worker's address (from the stand-in's JSON), rejects otherwise.
 */
export function throughLb(lb: LbTarget, scheme: 'http' | 'https', localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const opts = {
      host: lb.address,
      path: '/services/echo',
      localAddress,
      timeout: 10_000,
      headers: { Host: ESB_HOST },
      agent: false as const,
    };
    const onRes = (res: http.IncomingMessage) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${scheme} ${res.statusCode}: ${body.slice(0, 200)}`));
        try {
          resolve(String((JSON.parse(body) as { node: { localMemberHost: string } }).node.localMemberHost));
        } catch (e) {
          reject(e as Error);
        }
      });
    };
    const req =
      scheme === 'http'
        ? http.get({ ...opts, port: 80 }, onRes)
        : https.get({ ...opts, port: 443, servername: ESB_HOST, ca: lb.ca }, onRes);
    req.on('timeout', () => req.destroy(new Error(`${scheme} request timed out`)));
    req.on('error', reject);
  });
}

/** Counts of requests per worker address over both schemes, from `clients` source addresses. */
export async function spread(
  lb: LbTarget,
  clients: readonly string[],
): Promise<{ http: Record<string, number>; https: Record<string, number> }> {
  const out = { http: {} as Record<string, number>, https: {} as Record<string, number> };
  for (const c of clients) {
    for (const scheme of ['http', 'https'] as const) {
      const w = await throughLb(lb, scheme, c);
      out[scheme][w] = (out[scheme][w] ?? 0) + 1;
    }
  }
  return out;
}

export interface PollResult {
  readonly ok: number;
  readonly failed: number;
  readonly errors: readonly string[];
  readonly byWorker: Readonly<Record<string, number>>;
}

/** Sends requests through nginx (scheme by request number) from rotating client addresses, `gapMs` after each answer, while running() holds. */
async function requestLoop(
  lb: LbTarget,
  clients: readonly string[],
  schemeOf: (i: number) => 'http' | 'https',
  gapMs: number,
  running: () => boolean,
): Promise<PollResult> {
  const res = { ok: 0, failed: 0, errors: [] as string[], byWorker: {} as Record<string, number> };
  for (let i = 0; running(); i++) {
    const scheme = schemeOf(i);
    try {
      const w = await throughLb(lb, scheme, clients[i % clients.length]!);
      res.ok++;
      res.byWorker[w] = (res.byWorker[w] ?? 0) + 1;
    } catch (e) {
      res.failed++;
      if (res.errors.length < 10) res.errors.push(`${new Date().toISOString()} ${scheme} ${(e as Error).message}`);
    }
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return res;
}

/** Requests HTTP and HTTPS (alternating) through nginx without pause from rotating client addresses until stop() is called. */
export function startPoller(lb: LbTarget, clients: readonly string[]): { stop(): Promise<PollResult> } {
  let running = true;
  const loop = requestLoop(
    lb,
    clients,
    (i) => (i % 2 === 0 ? 'http' : 'https'),
    20,
    () => running,
  );
  return {
    async stop() {
      running = false;
      return loop;
    },
  };
}

export interface SchemeTraffic extends PollResult {
  /** seconds the client ran */
  readonly seconds: number;
  /** successful requests per second */
  readonly rate: number;
}

/** Steady client traffic through nginx: one loop per scheme, each sending a request `gapMs` after the previous answer, until stop(). */
export function startTraffic(
  lb: LbTarget,
  clients: readonly string[],
  gapMs = 50,
): { stop(): Promise<Record<'http' | 'https', SchemeTraffic>> } {
  let running = true;
  const t0 = Date.now();
  const timed = async (scheme: 'http' | 'https'): Promise<SchemeTraffic> => {
    const res = await requestLoop(
      lb,
      clients,
      () => scheme,
      gapMs,
      () => running,
    );
    const seconds = (Date.now() - t0) / 1000;
    return { ...res, seconds, rate: res.ok / seconds };
  };
  const loops = Promise.all([timed('http'), timed('https')]);
  return {
    async stop() {
      running = false;
      const [http, https] = await loops;
      return { http, https };
    },
  };
}

/** The certificate nginx presents for `servername` (SNI), unverified. */
export function servedPeerCertificate(address: string, servername: string): Promise<tls.PeerCertificate> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: address, port: 443, servername, rejectUnauthorized: false }, () => {
      const c = s.getPeerCertificate();
      s.end();
      resolve(c);
    });
    s.on('error', reject);
  });
}

/** The subject CN and subjectAltName of the certificate nginx presents for `servername`. */
export async function servedCertificate(address: string, servername: string): Promise<{ cn: string; san: string }> {
  const c = await servedPeerCertificate(address, servername);
  return { cn: String(c.subject?.CN ?? ''), san: String(c.subjectaltname ?? '') };
}

/** The served certificate once `test` accepts it (nginx applies a reload asynchronously), or the last one seen after timeoutMs. */
export async function waitForServed(
  address: string,
  servername: string,
  test: (c: tls.PeerCertificate) => boolean,
  timeoutMs = 15_000,
): Promise<tls.PeerCertificate> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await servedPeerCertificate(address, servername);
    if (test(c) || Date.now() > deadline) return c;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The served certificate once its CN is `cn` (nginx applies a reload asynchronously), or the last one seen after timeoutMs. */
export async function waitForCertificate(
  address: string,
  servername: string,
  cn: string,
  timeoutMs = 15_000,
): Promise<{ cn: string; san: string }> {
  const c = await waitForServed(address, servername, (x) => x.subject?.CN === cn, timeoutMs);
  return { cn: String(c.subject?.CN ?? ''), san: String(c.subjectaltname ?? '') };
}
