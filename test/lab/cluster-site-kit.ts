// Helpers of the cluster site tests: site.yml/verify.yml runs on the lab, node pids/processes/logs, requests through the real nginx.

import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterLab } from './cluster-lab.js';
import { runJson, type JsonRun } from './lab-playbook.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const HOME = '/opt/wso2esb-4.9.0';
export const ESB_HOST = 'esb.wso2.com';
export const MGT_HOST = 'mgt.esb.wso2.com';

export interface TimedRun extends JsonRun {
  readonly ms: number;
}

/** esbplay run playbooks/<name> on the lab's inventory (the stand-in archives given as extra vars), JSON output. */
export async function runPlaybook(inventory: string, archives: { zip: string; jdk: string }, name: string, ...rest: string[]): Promise<TimedRun> {
  const t0 = Date.now();
  const r = await runJson(path.join(REPO, 'playbooks', name), inventory,
    '-e', JSON.stringify({ esb_pack_archive: archives.zip, esb_jdk_archive: archives.jdk }), ...rest);
  return { ...r, ms: Date.now() - t0 };
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

/** The pid in the node's wso2carbon.pid, or undefined. */
export async function nodePid(lab: ClusterLab, host: string): Promise<number | undefined> {
  const text = await fs.readFile(lab.path(host, `${HOME}/wso2carbon.pid`), 'utf8').catch(() => '');
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
  return log.split('\n').filter((l) => re.test(l)).map((l) => {
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
    const opts = { host: lb.address, path: '/services/echo', localAddress, timeout: 10_000, headers: { Host: ESB_HOST }, agent: false as const };
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
    const req = scheme === 'http'
      ? http.get({ ...opts, port: 80 }, onRes)
      : https.get({ ...opts, port: 443, servername: ESB_HOST, ca: lb.ca }, onRes);
    req.on('timeout', () => req.destroy(new Error(`${scheme} request timed out`)));
    req.on('error', reject);
  });
}

/** Counts of requests per worker address over both schemes, from `clients` source addresses. */
export async function spread(lb: LbTarget, clients: readonly string[]): Promise<{ http: Record<string, number>; https: Record<string, number> }> {
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

/** Requests HTTP and HTTPS through nginx without pause from rotating client addresses until stop() is called. */
export function startPoller(lb: LbTarget, clients: readonly string[]): { stop(): Promise<PollResult> } {
  let running = true;
  const res = { ok: 0, failed: 0, errors: [] as string[], byWorker: {} as Record<string, number> };
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const scheme = i % 2 === 0 ? 'http' : 'https';
      try {
        const w = await throughLb(lb, scheme, clients[i % clients.length]!);
        res.ok++;
        res.byWorker[w] = (res.byWorker[w] ?? 0) + 1;
      } catch (e) {
        res.failed++;
        if (res.errors.length < 10) res.errors.push(`${new Date().toISOString()} ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return res;
    },
  };
}

/** The subject CN and subjectAltName of the certificate nginx presents for `servername`. */
export function servedCertificate(address: string, servername: string): Promise<{ cn: string; san: string }> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: address, port: 443, servername, rejectUnauthorized: false }, () => {
      const c = s.getPeerCertificate();
      s.end();
      resolve({ cn: String(c.subject?.CN ?? ''), san: String(c.subjectaltname ?? '') });
    });
    s.on('error', reject);
  });
}

/** The served certificate once its CN is `cn` (nginx applies a reload asynchronously), or the last one seen after timeoutMs. */
export async function waitForCertificate(address: string, servername: string, cn: string, timeoutMs = 15_000): Promise<{ cn: string; san: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await servedCertificate(address, servername);
    if (c.cn === cn || Date.now() > deadline) return c;
    await new Promise((r) => setTimeout(r, 200));
  }
}
