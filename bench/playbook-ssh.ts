// Playbook cost over ssh on the lab: median ms per no-op task by module (4 hosts), and wall time of a 50-host run.
// Run as root: npx tsx bench/playbook-ssh.ts [repetitions-per-module]

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from '../test/lab/lab.js';
import { checkLabPrereqs } from '../test/lab/lab-prereq.js';
import { runPlaybook } from '../src/index.js';
import type { RunEvent } from '../src/index.js';

const N = Number(process.argv[2] ?? 20);
const STOCK_AXIS2 = path.resolve('../shared/fixtures/wso2-esb/4.9.0/repository/conf/axis2/axis2.xml');

/** one task per module, each already in place after the prepare run (so every run of it is a no-op) */
const TASKS: Record<string, string> = {
  debug: `debug: { msg: "engine only, no host access" }`,
  lineinfile: `lineinfile: { path: /opt/hosts, regexp: '\\sesb-lb$', line: "{{ ansible_host }} esb-lb" }`,
  xml: `xml:
        path: /opt/axis2.xml
        edits:
          - { xpath: "/axisconfig/clustering/parameter[@name='domain']", value: esb.lab.domain }
          - { xpath: "/axisconfig/clustering/parameter[@name='localMemberHost']", value: "{{ ansible_host }}" }`,
  template: `template: { src: site.conf.mustache, dest: /etc/nginx/conf.d/site.conf }`,
  copy: `copy: { content: "{{ inventory_hostname }}\\n", dest: /opt/whoami }`,
  file: `file: { path: /opt/data, state: directory, mode: "0750" }`,
  'command creates': `command: { argv: [touch, /opt/marker], creates: /opt/marker }`,
  'command (runs, for reference)': `command: { argv: ["true"] }`,
};

function playbookOf(tasks: string[]): string {
  return `- hosts: all\n  tasks:\n${tasks.map((t, i) => `    - name: t${i}\n      ${t}\n`).join('')}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Stamped { readonly e: RunEvent; readonly at: number }

/** Runs a playbook through the library API; every event stamped with ms since the start (hrtime). */
async function run(lab: Lab, dir: string, file: string, text: string, forks: number): Promise<{ events: Stamped[]; ms: number; code: number }> {
  await fs.writeFile(path.join(dir, file), text);
  const events: Stamped[] = [];
  const t = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - t) / 1e6;
  const r = await runPlaybook({ playbook: path.join(dir, file), inventory: await lab.inventory(), cwd: dir, forks, onEvent: (e) => events.push({ e, at: since() }) });
  return { events, ms: since(), code: r.exitCode };
}

async function benchModules(): Promise<void> {
  const lab = await startLab({ hosts: 4, namePrefix: 'b' });
  try {
    const dir = path.join(lab.dir, 'bench');
    await fs.mkdir(path.join(dir, 'templates'), { recursive: true });
    await fs.writeFile(path.join(dir, 'templates', 'site.conf.mustache'), 'server { listen {{ ansible_host }}:8280; }\n');
    for (const h of lab.hosts) {
      await fs.copyFile(STOCK_AXIS2, path.join(h.root, 'opt', 'axis2.xml'));
      await fs.copyFile(path.join(h.root, 'hosts'), path.join(h.root, 'opt', 'hosts'));
      await fs.mkdir(path.join(h.root, 'etc-nginx', 'conf.d'), { recursive: true });
    }
    const prepare = await run(lab, dir, 'prepare.yml', playbookOf(Object.values(TASKS)), 4);
    if (prepare.code !== 0) throw new Error(`prepare run failed with exit ${prepare.code}`);
    console.log(`\nNo-op task cost over ssh, 4 lab hosts, -f 4, ${N} tasks of each module per playbook`);
    console.log('module                         | per host (median ms) | per task, 4 hosts in parallel (median ms) | status');
    console.log('-------------------------------|----------------------|--------------------------------------------|-------');
    for (const [name, task] of Object.entries(TASKS)) {
      const r = await run(lab, dir, 'noop.yml', playbookOf(Array.from({ length: N }, () => task)), 4);
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
      console.log(`${name.padEnd(31)}| ${median(perHost).toFixed(2).padStart(20)} | ${perTask.toFixed(2).padStart(42)} | ${statuses}`);
    }
  } finally {
    await lab.stop();
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
    for (const [label, forks] of [['first run (changes)', 64], ['second run (copy/lineinfile no-op)', 64], ['second run again', 10]] as const) {
      const r = await run(lab, dir, 'fifty.yml', text, forks);
      console.log(`${label.padEnd(38)}| ${String(forks).padStart(5)} | ${r.ms.toFixed(0).padStart(7)} | ${r.code}`);
    }
  } finally {
    await lab.stop();
  }
}

const reason = checkLabPrereqs();
if (reason) {
  console.error(`cannot run the playbook bench: ${reason}`);
  process.exit(2);
}
await benchModules();
await benchFifty();
