// The engine alone (npm run bench:engine): CLI start to first output, and the cost of a no-op task by module, local and over ssh.
//
//   npm run bench:engine -- [--tasks 20] [--starts 15] [--fifty]      (root: the ssh part starts a lab)
//
// - CLI start: spawn of `node bin/esbplay.js` to its first byte on stdout, for `--version` and for
//   `run` of a one-task playbook on the local transport (the first byte is its PLAY line), against
//   `node -e ''` on the same machine (the floor). Uses the built CLI (dist/, the bundle when fresh).
// - per task: a playbook of N identical tasks already in place (a prepare run made them so), 4 hosts,
//   through the library (runPlaybook); per host = task start to that host's result, per task = task
//   start to the next task's start (the 4 hosts in parallel), per task and host = per task / 4.
// - --fifty: the older 50-host run of a 4-task playbook.

import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab, type Lab } from '../test/lab/lab.js';
import { checkLabPrereqs } from '../test/lab/lab-prereq.js';
import { runPlaybook } from '../src/index.js';
import type { RunEvent } from '../src/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = flag('--tasks', 20);
const STARTS = flag('--starts', 15);
const STOCK_AXIS2 = path.resolve(REPO, 'standin/wso2-esb/4.9.0/repository/conf/axis2/axis2.xml');

/** one task per module, each already in place after the prepare run (so every run of it is a no-op); {{ base }} is the host's own directory */
const TASKS: Record<string, string> = {
  debug: `debug: { msg: "engine only, no host access" }`,
  lineinfile: `lineinfile: { path: "{{ base }}/hosts", regexp: '\\sesb-lb$', line: "{{ ansible_host | default('127.0.0.1') }} esb-lb" }`,
  xml: `xml:
        path: "{{ base }}/axis2.xml"
        edits:
          - { xpath: "/axisconfig/clustering/parameter[@name='domain']", value: esb.lab.domain }
          - { xpath: "/axisconfig/clustering/parameter[@name='localMemberHost']", value: "{{ inventory_hostname }}" }`,
  template: `template: { src: site.conf.mustache, dest: "{{ base }}/site.conf" }`,
  copy: `copy: { content: "{{ inventory_hostname }}\\n", dest: "{{ base }}/whoami" }`,
  file: `file: { path: "{{ base }}/data", state: directory, mode: "0750" }`,
  'command creates': `command: { argv: [touch, "{{ base }}/marker"], creates: "{{ base }}/marker" }`,
  'command (runs, for reference)': `command: { argv: ["true"] }`,
};

function playbookOf(tasks: string[]): string {
  return `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks.map((t, i) => `    - name: t${i}\n      ${t}\n`).join('')}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Stamped { readonly e: RunEvent; readonly at: number }

/** Runs a playbook through the library API; every event stamped with ms since the start (hrtime). */
async function run(dir: string, inventory: string, file: string, text: string, forks: number): Promise<{ events: Stamped[]; ms: number; code: number }> {
  await fs.writeFile(path.join(dir, file), text);
  const events: Stamped[] = [];
  const t = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - t) / 1e6;
  const r = await runPlaybook({ playbook: path.join(dir, file), inventory, cwd: dir, forks, onEvent: (e) => events.push({ e, at: since() }) });
  return { events, ms: since(), code: r.exitCode };
}

/** The per-module table for one set of 4 hosts (their inventory sets `base`). */
async function benchModules(label: string, dir: string, inventory: string, hosts: number): Promise<void> {
  await fs.mkdir(path.join(dir, 'templates'), { recursive: true });
  await fs.writeFile(path.join(dir, 'templates', 'site.conf.mustache'), 'server { listen {{ inventory_hostname }}:8280; }\n');
  const prepare = await run(dir, inventory, 'prepare.yml', playbookOf(Object.values(TASKS)), hosts);
  if (prepare.code !== 0) throw new Error(`${label}: prepare run failed with exit ${prepare.code}`);
  console.log(`\nNo-op task cost, ${label}, ${hosts} hosts, -f ${hosts}, ${N} tasks of each module per playbook (load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log('module                         | per host (median ms) | per task, hosts in parallel (median ms) | per task and host (ms) | status');
  console.log('-------------------------------|----------------------|------------------------------------------|------------------------|-------');
  for (const [name, task] of Object.entries(TASKS)) {
    const r = await run(dir, inventory, 'noop.yml', playbookOf(Array.from({ length: N }, () => task)), hosts);
    const statuses = [...new Set(r.events.flatMap(({ e }) => (e.type === 'host_result' ? [e.status] : [])))].join(',');
    // per host: task_start -> that host's result; per task: task_start -> the next task_start (or the end)
    const starts = r.events.filter(({ e }) => e.type === 'task_start');
    const perHost: number[] = [];
    const perTaskAll: number[] = [];
    starts.forEach((s, k) => {
      const next = starts[k + 1]?.at ?? r.events.find(({ e }) => e.type === 'playbook_end')!.at;
      perTaskAll.push(next - s.at);
      for (const { e, at } of r.events) if (e.type === 'host_result' && e.task.name === `t${k}`) perHost.push(at - s.at);
    });
    const perTask = median(perTaskAll);
    console.log(`${name.padEnd(31)}| ${median(perHost).toFixed(2).padStart(20)} | ${perTask.toFixed(2).padStart(40)} | ${(perTask / hosts).toFixed(2).padStart(22)} | ${statuses}`);
  }
}

async function benchLocal(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-engine-'));
  try {
    const hosts = ['l1', 'l2', 'l3', 'l4'];
    for (const h of hosts) {
      await fs.mkdir(path.join(dir, h), { recursive: true });
      await fs.copyFile(STOCK_AXIS2, path.join(dir, h, 'axis2.xml'));
      await fs.writeFile(path.join(dir, h, 'hosts'), '127.0.0.1 localhost\n');
    }
    const inventory = path.join(dir, 'hosts.yml');
    await fs.writeFile(inventory, `all:\n  hosts:\n${hosts.map((h) => `    ${h}: { ansible_connection: local, base: ${JSON.stringify(path.join(dir, h))} }\n`).join('')}`);
    await benchModules('local transport', dir, inventory, hosts.length);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function benchSsh(): Promise<void> {
  const lab: Lab = await startLab({ hosts: 4, namePrefix: 'b' });
  try {
    const dir = path.join(lab.dir, 'bench');
    await fs.mkdir(dir, { recursive: true });
    for (const h of lab.hosts) {
      await fs.copyFile(STOCK_AXIS2, path.join(h.root, 'opt', 'axis2.xml'));
      await fs.copyFile(path.join(h.root, 'hosts'), path.join(h.root, 'opt', 'hosts'));
    }
    const inventory = path.join(dir, 'hosts.yml');
    await fs.writeFile(inventory, (await fs.readFile(await lab.inventory(), 'utf8')).replace(/^ {2}vars:\n/m, '  vars:\n    base: /opt\n'));
    await benchModules('ssh (lab sshd hosts)', dir, inventory, lab.hosts.length);
  } finally {
    await lab.stop();
  }
}

/** ms from spawning `argv` to its first byte on stdout. */
function firstOutput(argv: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let done = false;
    child.stdout.once('data', () => {
      done = true;
      resolve(Number(process.hrtime.bigint() - t) / 1e6);
    });
    child.on('error', reject);
    child.on('close', () => (done ? undefined : reject(new Error(`${argv.join(' ')} printed nothing`))));
  });
}

async function benchCliStart(): Promise<void> {
  const bin = path.join(REPO, 'bin', 'esbplay.js');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-start-'));
  try {
    await fs.writeFile(path.join(dir, 'hosts.yml'), 'all:\n  hosts:\n    h1: { ansible_connection: local }\n');
    await fs.writeFile(path.join(dir, 'one.yml'), playbookOf([TASKS.debug!]));
    const cases: [string, string[]][] = [
      ["node -e '' (the floor: Node's own start)", [process.execPath, '-e', 'process.stdout.write("x")']],
      ['esbplay --version', [process.execPath, bin, '--version']],
      ['esbplay run (1 debug task, local): its PLAY line', [process.execPath, bin, 'run', 'one.yml', '-i', 'hosts.yml']],
    ];
    const bundle = path.join(REPO, 'dist', 'esbplay.mjs');
    const fresh = await fs.stat(bundle).then(async (b) => b.mtimeMs >= (await fs.stat(path.join(REPO, 'dist', 'cli', 'main.js'))).mtimeMs, () => false);
    console.log(`\nCLI start to first output, ${STARTS} starts each (${fresh ? 'the one-file bundle, dist/esbplay.mjs' : 'dist/ modules: no fresh bundle, run npm run build:cli'}; load ${os.loadavg()[0]!.toFixed(1)})`);
    console.log('command                                              | median ms | min | max');
    console.log('-----------------------------------------------------|-----------|-----|----');
    for (const [label, argv] of cases) {
      const ms: number[] = [];
      for (let i = 0; i < STARTS; i++) ms.push(await firstOutput(argv, dir));
      console.log(`${label.padEnd(53)}| ${median(ms).toFixed(0).padStart(9)} | ${Math.min(...ms).toFixed(0).padStart(3)} | ${Math.max(...ms).toFixed(0)}`);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function benchFifty(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const lab = await startLab({ hosts: 50, namePrefix: 'w' });
  const labMs = Number(process.hrtime.bigint() - t0) / 1e6;
  try {
    const dir = path.join(lab.dir, 'bench50');
    await fs.mkdir(dir, { recursive: true });
    const text = playbookOf([
      `copy: { content: "{{ inventory_hostname }} {{ ansible_host }}\\n", dest: /opt/whoami }`,
      `lineinfile: { path: /opt/lab-host, line: "managed-by: esbplay" }`,
      `command: { argv: [hostname] }\n      register: hn`,
      `assert: { that: [ "hn.stdout == inventory_hostname" ] }`,
    ]);
    console.log(`\n50-host run of a 4-task playbook (copy, lineinfile, command, assert); lab start ${labMs.toFixed(0)} ms (not counted)`);
    console.log('run                                   | forks | wall ms | exit');
    console.log('--------------------------------------|-------|---------|-----');
    const inventory = await lab.inventory();
    for (const [label, forks] of [['first run (changes)', 64], ['second run (copy/lineinfile no-op)', 64], ['second run again', 10]] as const) {
      const r = await run(dir, inventory, 'fifty.yml', text, forks);
      console.log(`${label.padEnd(38)}| ${String(forks).padStart(5)} | ${r.ms.toFixed(0).padStart(7)} | ${r.code}`);
    }
  } finally {
    await lab.stop();
  }
}

console.log(`esbplay engine bench: node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await benchCliStart();
await benchLocal();
const reason = checkLabPrereqs();
if (reason) console.log(`\n(ssh part skipped: ${reason})`);
else {
  await benchSsh();
  if (args.includes('--fifty')) await benchFifty();
}
