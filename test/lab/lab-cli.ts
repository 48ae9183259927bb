// `npm run lab:up [-- --workers N]` / `npm run lab:down` / `lab:status`: the cluster lab, detached, for use by hand (docs/lab.md).

import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startClusterLab } from './cluster-lab.js';
import { checkClusterPrereqs } from './cluster-base.js';
import {
  cleanUpOrphanedLab, isOwnerAlive, readStartTime, readState, removeState, stateDir, stateFile, writeState, type LabState,
} from './lab-state.js';

const CLI = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(CLI), '../..');
const USAGE = 'usage: npm run lab:up [-- --workers N]   |   npm run lab:down   |   npm run lab:status';

/** Runs one subcommand; returns the exit code (0 done, 1 failed or refused, 2 bad usage). */
async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === 'up') return up(rest);
  if (cmd === 'down') return down();
  if (cmd === 'status') return status();
  if (cmd === 'serve') return serve(parseWorkers(rest) ?? 2);
  console.error(USAGE);
  return 2;
}

function parseWorkers(args: readonly string[]): number | null | undefined {
  if (args.length === 0) return undefined;
  const m = args.join('=').match(/^--workers=(\d+)$/);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 200 ? n : null;
}

async function up(args: readonly string[]): Promise<number> {
  const workers = parseWorkers(args);
  if (workers === null) {
    console.error(`lab:up: --workers takes a number from 0 to 200 (got: ${args.join(' ')})\n${USAGE}`);
    return 2;
  }
  const missing = checkClusterPrereqs();
  if (missing) {
    console.error(`lab:up: ${missing}`);
    return 1;
  }
  const old = readState();
  if (old && isOwnerAlive(old)) {
    console.error(`lab:up: a cluster lab is already running (owner pid ${old.ownerPid}); its inventory: ${old.inventory}\n` +
      'Use it, or stop it first with: npm run lab:down');
    return 1;
  }
  if (old) {
    const n = await cleanUpOrphanedLab(old);
    await removeState();
    console.log(`lab:up: cleaned up a lab whose owner had died (${n} host(s) were still up)`);
  }
  mkdirSync(stateDir(), { recursive: true });
  const log = openSync(path.join(stateDir(), 'lab.log'), 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', `--workers=${workers ?? 2}`],
    { cwd: REPO, detached: true, stdio: ['ignore', log, log, 'ipc'] });
  const outcome = await new Promise<{ state?: LabState; error?: string }>((resolve) => {
    child.once('message', (m) => resolve(m as { state?: LabState; error?: string }));
    child.once('exit', (code, sig) => resolve({ error: `the lab's owner process exited (${code ?? sig}); see ${path.join(stateDir(), 'lab.log')}` }));
  });
  child.removeAllListeners();
  if (child.connected) child.disconnect();
  child.unref();
  if (outcome.error || !outcome.state) {
    console.error(`lab:up: the lab did not start: ${outcome.error}`);
    return 1;
  }
  printUsage(outcome.state);
  return 0;
}

function printUsage(s: LabState): void {
  const first = s.hosts[0]!;
  console.log([
    `Cluster lab up in ${(s.startMs / 1000).toFixed(1)} s: ${s.hosts.map((h) => `${h.name} ${h.address}`).join(', ')}`,
    `Inventory: ${s.inventory}`,
    '',
    `  ./bin/esbplay.js run playbooks/site.yml -i ${s.inventory}`,
    `  ssh -i ${s.keyFile} -o UserKnownHostsFile=${s.knownHostsFile} root@${first.address}     # ${first.name}`,
    `  ls ${path.join(path.dirname(first.root), '<host>')}/{etc,opt,var/log,var/lib/mysql}          # a host's own files`,
    `  nsenter -t PID -m -u -p ps -ef          # a host's processes; PID (its pid 1): ${s.hosts.map((h) => `${h.name} ${s.processes.find((p) => p.host === h.name)?.initPid ?? '-'}`).join(', ')}`,
    '',
    'Stop it (every process started in it, and its files) with: npm run lab:down',
  ].join('\n'));
}

async function down(): Promise<number> {
  const s = readState();
  if (!s) {
    console.log(`lab:down: no cluster lab is running (no ${stateFile()})`);
    return 0;
  }
  const t0 = Date.now();
  if (isOwnerAlive(s)) {
    process.kill(s.ownerPid, 'SIGTERM');
    for (let i = 0; i < 600 && isOwnerAlive(s); i++) await new Promise((r) => setTimeout(r, 100));
    if (isOwnerAlive(s)) process.kill(s.ownerPid, 'SIGKILL');
  }
  const orphans = await cleanUpOrphanedLab(s); // no-op when the owner stopped everything
  await removeState();
  console.log(`lab:down: cluster lab stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
    `${orphans > 0 ? ` (its owner was gone: killed ${orphans} host(s) directly)` : ''}; ${s.dir} removed`);
  return 0;
}

function status(): number {
  const s = readState();
  if (!s || !isOwnerAlive(s)) {
    console.log(s ? `lab:status: the lab's owner (pid ${s.ownerPid}) is gone; npm run lab:down cleans up` : 'lab:status: no cluster lab is running');
    return s ? 1 : 0;
  }
  printUsage(s);
  return 0;
}

/** The detached owner: starts the lab, records it, tells lab:up, and stops it all on SIGTERM/SIGINT. */
async function serve(workers: number): Promise<number> {
  process.on('SIGHUP', () => undefined);
  const t0 = Date.now();
  let lab;
  try {
    lab = await startClusterLab({ workers });
  } catch (e) {
    process.send?.({ error: (e as Error).message });
    return 1;
  }
  const inventory = await lab.inventoryDir();
  const state: LabState = {
    ownerPid: process.pid, ownerStart: readStartTime(process.pid) ?? '', dir: lab.dir, inventory,
    keyFile: lab.keyFile, knownHostsFile: lab.knownHostsFile,
    hosts: lab.hosts.map((h) => ({ name: h.name, address: h.address, root: h.root })),
    processes: lab.processes(), startMs: Date.now() - t0,
  };
  await writeState(state);
  console.log(`${new Date().toISOString()} lab up: ${JSON.stringify(state)}`);
  process.send?.({ state });
  process.disconnect?.();
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  clearInterval(keepAlive);
  await lab.stop();
  if (readState()?.ownerPid === process.pid) await removeState();
  console.log(`${new Date().toISOString()} lab stopped (${signal})`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: Error) => {
  console.error(`lab: ${e.message}`);
  process.exit(1);
});
