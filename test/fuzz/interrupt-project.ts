// A project for interrupt tests: tasks that change files and notify handlers that snapshot them, and the checks that count what an interrupt lost.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeProject, type Project } from '../engine/helpers.js';

/** Each changed config file X.conf notifies a handler that copies it to X.handled: after a clean rerun they must be equal. */
export const FILES = ['a', 'b', 'c', 'big'] as const;

export const PLAYBOOK = `
- name: configure
  hosts: all
  tasks:
    - name: conf a
      copy: { content: "a={{ gen }}\\n", dest: "{{ root_dir }}/a.conf" }
      notify: snapshot a
    - name: conf b
      lineinfile: { path: "{{ root_dir }}/b.conf", regexp: "^b=", line: "b={{ gen }}", create: true }
      notify: snapshot b
    - name: a command that takes a while
      command: { argv: [sleep, "0.05"] }
      changed_when: false
    - name: conf c
      template: { src: c.j2, dest: "{{ root_dir }}/c.conf" }
      notify: snapshot c
    - name: a big file
      copy: { content: "{{ filler }}{{ gen }}\\n", dest: "{{ root_dir }}/big.conf" }
      notify: snapshot big
  handlers:
    - name: snapshot a
      command: { argv: [cp, "{{ root_dir }}/a.conf", "{{ root_dir }}/a.handled"] }
    - name: snapshot b
      command: { argv: [cp, "{{ root_dir }}/b.conf", "{{ root_dir }}/b.handled"] }
    - name: snapshot c
      command: { argv: [cp, "{{ root_dir }}/c.conf", "{{ root_dir }}/c.handled"] }
    - name: snapshot big
      command: { argv: [cp, "{{ root_dir }}/big.conf", "{{ root_dir }}/big.handled"] }
`;

/** 200 KB of lines: big enough that an interrupt often lands inside a write */
export const FILLER = 'a line of the big file, 0123456789abcdef\n'.repeat(5_000);

export function makeInterruptProject(hosts = ['h1', 'h2', 'h3']): Project {
  const p = makeProject({
    hosts,
    allVars: { filler: FILLER },
    hostVars: Object.fromEntries(hosts.map((h) => [h, { esbplay_state_dir: `STATE/${h}` }])),
    files: { 'site.yml': PLAYBOOK, 'templates/c.j2': 'c={{ gen }} on {{ inventory_hostname }}\n' },
  });
  // the pending-handler records live in the project (each host its own directory), not in /var/lib/esbplay
  const inv = readFileSync(p.inventory, 'utf8').replaceAll('STATE/', `${p.dir}/state/`);
  p.write(path.relative(p.dir, p.inventory), inv);
  return p;
}

/** Where a host's config files are on this machine (a local project's host root, a lab host's /opt/app). */
export interface HostDir {
  readonly name: string;
  readonly dir: string;
}

export function projectHosts(p: Project): HostDir[] {
  return p.hosts.map((name) => ({ name, dir: p.file(name, '') }));
}

/** Temp files of atomic writes left anywhere under these directories. */
export function countTempFiles(hosts: Project | readonly HostDir[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.esbplay[-.]/.test(e.name)) found.push(full);
    }
  };
  for (const h of dirsOf(hosts)) walk(h.dir);
  return found;
}

function dirsOf(hosts: Project | readonly HostDir[]): readonly HostDir[] {
  return Array.isArray(hosts) ? hosts : projectHosts(hosts as Project);
}

/** Config files whose handler snapshot differs from them: a change whose handler never ran. */
export function lostHandlers(hosts: Project | readonly HostDir[]): string[] {
  const lost: string[] = [];
  for (const h of dirsOf(hosts)) {
    for (const f of FILES) {
      const conf = path.join(h.dir, `${f}.conf`);
      if (!existsSync(conf)) continue;
      const handled = path.join(h.dir, `${f}.handled`);
      if (!existsSync(handled) || !readFileSync(handled).equals(readFileSync(conf))) lost.push(`${h.name}/${f}`);
    }
  }
  return lost;
}

/** Config files whose content is neither a whole old nor a whole new version (a partial write). */
export function partialTargets(hosts: Project | readonly HostDir[], gens: readonly number[]): string[] {
  const bad: string[] = [];
  const ok = (f: string, text: string, h: string) => gens.some((g) => text === expected(f, g, h));
  for (const h of dirsOf(hosts)) {
    for (const f of FILES) {
      const conf = path.join(h.dir, `${f}.conf`);
      if (existsSync(conf) && !ok(f, readFileSync(conf, 'utf8'), h.name)) bad.push(`${h.name}/${f}`);
    }
  }
  return bad;
}

function expected(f: string, gen: number, host: string): string {
  if (f === 'a') return `a=${gen}\n`;
  if (f === 'b') return `b=${gen}\n`;
  if (f === 'c') return `c=${gen} on ${host}\n`;
  return `${FILLER}${gen}\n`;
}
