// `npm run bench`: site.yml's configuration work timed for esbplay and tuned ansible-playbook on the cluster lab (root).
//
//   npm run bench -- [--hosts 4,32,100] [--runs 3] [--ansible-runs 3,2,1] [--tools esbplay,ansible] [--no-write]
//
// Per size N: a cluster lab with 1 LB, 1 manager and N-2 workers (its db host is up but not
// configured), then `runs` rounds; each round resets the hosts to the stock state and times the first
// converge, the no-op rerun and --check of each tool, the two tools alternating who goes first. The
// table goes to stdout and to bench/RESULTS.md. It reports figures; it never fails on a time.

import { existsSync, mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startClusterLab } from '../test/lab/cluster-lab.js';
import { checkClusterPrereqs } from '../test/lab/cluster-base.js';
import { StockState } from './cluster/stock-state.js';
import { writeAnsibleInventory } from './cluster/ansible-inventory.js';
import { writeBenchPlaybooks } from './cluster/bench-playbooks.js';
import { BENCH_DIR, REPO, runPhase, type Measurement, type Phase, type Tool } from './cluster/tool-runs.js';
import { describeCommit, handWrittenPart, renderResults, renderTable, type SizeResult } from './cluster/results.js';
import { timeCell } from './cluster/stats.js';

interface Flags {
  hosts: number[];
  runs: number;
  /** per size, in --hosts order (the last one repeats); default: all runs up to 10 hosts, 2 up to 50, then 1 */
  ansibleRuns?: number[];
  tools: Tool[];
  phases: Phase[];
  write: boolean;
  esbplayBin: string;
}

function parseFlags(argv: readonly string[]): Flags {
  const f: Flags = { hosts: [4, 32, 100], runs: 3, tools: ['esbplay', 'ansible'], phases: ['first', 'noop', 'check'], write: true, esbplayBin: path.join(REPO, 'bin', 'esbplay.js') };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--hosts') f.hosts = value().split(',').map(Number);
    else if (flag === '--runs') f.runs = Number(value());
    else if (flag === '--ansible-runs') f.ansibleRuns = value().split(',').map(Number);
    else if (flag === '--tools') f.tools = value().split(',') as Tool[];
    else if (flag === '--phases') f.phases = value().split(',') as Phase[];
    else if (flag === '--esbplay') f.esbplayBin = path.resolve(value());
    else if (flag === '--no-write') f.write = false;
    else usage(`unknown flag ${flag}`);
  }
  if (f.hosts.some((n) => !Number.isInteger(n) || n < 3 || n > 202)) usage('--hosts: sizes from 3 to 202 (1 LB, 1 manager, at least 1 worker)');
  if (!Number.isInteger(f.runs) || f.runs < 1) usage('--runs: at least 1');
  if (f.ansibleRuns?.some((n) => !(n >= 0))) usage('--ansible-runs: numbers, one per size (the last one repeats)');
  if (f.tools.some((t) => t !== 'esbplay' && t !== 'ansible')) usage('--tools: esbplay, ansible');
  if (f.phases.some((p) => !['first', 'noop', 'check'].includes(p)) || f.phases[0] !== 'first') usage('--phases: first, then noop and/or check');
  return f;
}

function usage(why: string): never {
  console.error(`bench: ${why}\nusage: npm run bench -- [--hosts 4,32,100] [--runs 3] [--ansible-runs N,N,..] [--tools esbplay,ansible] [--phases first,noop,check] [--esbplay bin/esbplay.js] [--no-write]`);
  process.exit(2);
}

/** How often ansible-playbook runs at size n: its phases take tens of minutes at 100 hosts on 2 cores. */
function ansibleRunsFor(n: number, index: number, f: Flags): number {
  if (f.ansibleRuns) return f.ansibleRuns[Math.min(index, f.ansibleRuns.length - 1)]!;
  return n <= 10 ? f.runs : n <= 50 ? Math.min(f.runs, 2) : 1;
}

/** The stand-in archives the stock state is unpacked from (built when missing). */
function standinArchives(): { product: string; jdk: string } {
  const dist = path.join(REPO, 'standin', 'dist');
  const a = { product: path.join(dist, 'wso2esb-4.9.0.tar.gz'), jdk: path.join(dist, 'standin-jdk-1.8.0.tar.gz') };
  if (!existsSync(a.product) || !existsSync(a.jdk) || !existsSync(path.join(dist, 'wso2esb-4.9.0.zip'))) {
    execFileSync(process.execPath, ['--import', 'tsx', 'standin/build/build-standin.mts'], { cwd: REPO, stdio: 'inherit' });
  }
  return a;
}

async function benchSize(n: number, ansibleRuns: number, f: Flags, logDir: string, loads: number[], onResult: (r: SizeResult) => Promise<void>): Promise<void> {
  const t0 = process.hrtime.bigint();
  const lab = await startClusterLab({ workers: n - 2 });
  const labStartMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const measurements: Measurement[] = [];
  const lbAddress = lab.host('lb').address;
  let crossCheck: SizeResult['crossCheck'];
  try {
    const stock = await StockState.prepare(lab, standinArchives());
    const esbplayInventory = await lab.inventoryDir();
    const ansibleInventory = await writeAnsibleInventory(esbplayInventory, lab.knownHostsFile, path.join(lab.dir, 'ansible-inventory'));
    const playbooks = await writeBenchPlaybooks(REPO, path.join(lab.dir, 'bench-playbooks'));
    const setup = { esbplayBin: f.esbplayBin, esbplayInventory, ansibleInventory, esbplayPlaybook: playbooks.esbplay, ansiblePlaybook: playbooks.ansible, logDir };
    await fs.writeFile(path.join(logDir, `n${n}-ansible-translation.txt`), `${playbooks.notes.join('\n')}\n`);
    console.log(`\n${n} hosts (lb, mgr, wrk1..wrk${n - 2}; db idle): lab up in ${(labStartMs / 1000).toFixed(1)} s`);
    for (let run = 1; run <= f.runs; run++) {
      const order = run % 2 === 1 ? f.tools : [...f.tools].reverse();
      for (const tool of order) {
        if (tool === 'ansible' && run > ansibleRuns) continue;
        await stock.reset();
        for (const phase of f.phases) {
          const m = await runPhase(setup, tool, phase, `n${n}-r${run}`);
          measurements.push(m);
          loads.push(m.load);
          console.log(`  run ${run} ${tool.padEnd(7)} ${phase.padEnd(5)} ${timeCell([m]).padEnd(14)} changed=${m.recap.changed} load ${m.load.toFixed(1)}`);
        }
        if (tool === 'ansible' && f.tools.includes('esbplay') && crossCheck === undefined) {
          // same work? esbplay --check on what ansible-playbook configured should find nothing to change
          const c = await runPhase(setup, 'esbplay', 'check', `n${n}-r${run}-cross`);
          crossCheck = { changed: c.recap.changed, failed: c.recap.failed + c.recap.unreachable, log: c.log };
          console.log(`  cross-check: esbplay --check after ansible-playbook's run: changed=${c.recap.changed} failed=${crossCheck.failed} (${c.log})`);
        }
      }
      await onResult({ hosts: n, labStartMs, measurements, lbAddress, crossCheck });
    }
  } finally {
    await lab.stop();
  }
}

const reason = checkClusterPrereqs();
if (reason) usage(`cannot start the cluster lab: ${reason}`);
const flags = parseFlags(process.argv.slice(2));
if (flags.tools.includes('esbplay') && !existsSync(path.join(path.dirname(flags.esbplayBin), '..', 'dist', 'cli', 'main.js'))) usage(`${flags.esbplayBin} needs dist/: npm run build`);
if (flags.tools.includes('ansible')) {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
  } catch {
    usage('ansible-playbook is not installed (apt-get install ansible-core python3-lxml)');
  }
}
const logDir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-bench-'));
const startedAt = new Date();
const commit = describeCommit(REPO); // the tree npm run bench just built: HEAD may move while the bench runs
const done: SizeResult[] = [];
const loads: number[] = [];
const flagText = process.argv.slice(2).join(' ');
console.log(`esbplay bench: hosts ${flags.hosts.join(', ')}; ${flags.runs} run(s); logs in ${logDir}`);
for (const [i, n] of flags.hosts.entries()) {
  await benchSize(n, ansibleRunsFor(n, i, flags), flags, logDir, loads, async (r) => {
    const i = done.findIndex((d) => d.hosts === r.hosts);
    if (i >= 0) done[i] = r;
    else done.push(r);
    if (!flags.write) return;
    const file = path.join(BENCH_DIR, 'RESULTS.md');
    const kept = handWrittenPart(await fs.readFile(file, 'utf8').catch(() => undefined));
    await fs.writeFile(file, renderResults(done, { flags: flagText, commit, startedAt, loads }) + kept);
  });
}
console.log(`\n${renderTable(done)}\n`);
if (flags.write) console.log(`written to ${path.join(BENCH_DIR, 'RESULTS.md')}`);
