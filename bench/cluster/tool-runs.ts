// Runs one phase (first converge, no-op rerun, --check) of esbplay or ansible-playbook and measures it.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecap, type Recap } from './recap.js';

export type Tool = 'esbplay' | 'ansible';
export type Phase = 'first' | 'noop' | 'check';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(BENCH_DIR, '..');
const HOOK = path.join(BENCH_DIR, 'cluster', 'measure-hook.mjs');
const CONFIG_ONLY = path.join(BENCH_DIR, 'cluster', 'config-only.yml');

/** Round trips the controller asked of one host (counted in esbplay's process by measure-hook.mjs). */
export interface RoundTrips {
  readonly connects: number;
  readonly execs: number;
  readonly sftpChannels: number;
  readonly forwards: number;
  readonly sftpRequests: number;
}

export interface Measurement {
  readonly tool: Tool;
  readonly phase: Phase;
  readonly wallMs: number;
  readonly exitCode: number | null;
  readonly recap: Recap;
  /** the controller process (esbplay: node; ansible: ansible-playbook and its forks, from /usr/bin/time) */
  readonly cpuMs?: number;
  readonly maxRssKB?: number;
  /** per host address (esbplay only) */
  readonly roundTrips?: Readonly<Record<string, RoundTrips>>;
  /** 1-minute load average right after the run */
  readonly load: number;
  readonly log: string;
}

export interface ToolSetup {
  /** esbplay's CLI entry (bin/esbplay.js of the checkout, running dist/) */
  readonly esbplayBin: string;
  /** the lab's inventory for esbplay, and the converted one for Ansible */
  readonly esbplayInventory: string;
  readonly ansibleInventory: string;
  /** the playbooks derived from playbooks/site.yml (bench-playbooks.ts) */
  readonly esbplayPlaybook: string;
  readonly ansiblePlaybook: string;
  /** where run logs go */
  readonly logDir: string;
}

const PHASE_ARGS: Record<Phase, string[]> = { first: [], noop: [], check: ['--check'] };

/** One measured run of a tool; its output goes to a log file (the recap is parsed from it). */
export async function runPhase(setup: ToolSetup, tool: Tool, phase: Phase, label: string): Promise<Measurement> {
  const log = path.join(setup.logDir, `${label}-${tool}-${phase}.log`);
  const measureFile = path.join(setup.logDir, `${label}-${tool}-${phase}.json`);
  const cmd = tool === 'esbplay' ? esbplayCommand(setup, phase, measureFile) : ansibleCommand(setup, phase);
  const controlDir = tool === 'ansible' ? await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-bench-cp-')) : undefined;
  const timeFile = `${measureFile}.time`;
  const timed = tool === 'ansible' && existsSync('/usr/bin/time') ? ['/usr/bin/time', '-o', timeFile, '-f', '%U %S %M', ...cmd.argv] : cmd.argv;
  const env = { ...process.env, ...cmd.env, ...(controlDir ? { ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir } : {}) };
  const started = process.hrtime.bigint();
  const exitCode = await new Promise<number | null>((resolve) => {
    const out = createWriteStream(log);
    const child = spawn(timed[0]!, timed.slice(1), { cwd: cmd.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', (e) => {
      out.end(`\nbench: cannot run ${timed[0]}: ${e.message}\n`);
      resolve(127);
    });
    child.on('close', (code) => out.end(() => resolve(code)));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const load = os.loadavg()[0]!;
  if (controlDir) await closeMasters(controlDir);
  const recap = parseRecap(await fs.readFile(log, 'utf8'));
  if (tool === 'esbplay') {
    const m = JSON.parse(await fs.readFile(measureFile, 'utf8').catch(() => '{}')) as { userMs?: number; sysMs?: number; maxRssKB?: number; hosts?: Record<string, RoundTrips> };
    const cpuMs = m.userMs !== undefined ? m.userMs + (m.sysMs ?? 0) : undefined;
    return { tool, phase, wallMs, exitCode, recap, cpuMs, maxRssKB: m.maxRssKB, roundTrips: m.hosts, load, log };
  }
  const t = (await fs.readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1)?.split(' ').map(Number);
  const cpu = t && t.length === 3 && t.every((n) => Number.isFinite(n)) ? { cpuMs: (t[0]! + t[1]!) * 1000, maxRssKB: t[2] } : {};
  return { tool, phase, wallMs, exitCode, recap, ...cpu, load, log };
}

interface Command {
  readonly argv: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

/** The stand-in distribution the hosts' stock state comes from (the roles stat it on the controller). */
const ARCHIVE = path.join(REPO, 'standin', 'dist', 'wso2esb-4.9.0.zip');

/** site.yml's configuration plays (bench-playbooks.ts), configuration only (bench/cluster/config-only.yml), the db host left out. */
function esbplayCommand(setup: ToolSetup, phase: Phase, measureFile: string): Command {
  return {
    argv: [process.execPath, '--import', HOOK, setup.esbplayBin, 'run', setup.esbplayPlaybook,
      '-i', setup.esbplayInventory, '-l', 'all:!mysql', '-e', `@${CONFIG_ONLY}`, '-e', `esb_pack_archive=${ARCHIVE}`, ...PHASE_ARGS[phase]],
    cwd: REPO,
    env: { ESBPLAY_BENCH_MEASURE: measureFile, NO_COLOR: '1' },
  };
}

/** The same plays for Debian's ansible-playbook with the translated roles, tuned (bench/ansible/ansible.cfg). */
function ansibleCommand(setup: ToolSetup, phase: Phase): Command {
  return {
    argv: ['ansible-playbook', '-i', setup.ansibleInventory, setup.ansiblePlaybook,
      '-l', 'all:!mysql', '-e', `@${CONFIG_ONLY}`, '-e', `esb_pack_archive=${ARCHIVE}`, ...PHASE_ARGS[phase]],
    cwd: path.dirname(setup.ansiblePlaybook),
    env: { ANSIBLE_CONFIG: path.join(BENCH_DIR, 'ansible', 'ansible.cfg'), ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0' },
  };
}

/** Ends the ControlPersist masters of one ansible-playbook run (each run starts cold, like esbplay's). */
async function closeMasters(dir: string): Promise<void> {
  const sockets = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => {
    const c = spawn('ssh', ['-o', `ControlPath=${path.join(dir, s)}`, '-O', 'exit', 'bench'], { stdio: 'ignore' });
    c.on('close', () => resolve());
    c.on('error', () => resolve());
  })));
  await fs.rm(dir, { recursive: true, force: true });
}
