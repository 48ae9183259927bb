// The two playbooks the bench times, both derived from playbooks/site.yml on every run: esbplay's and ansible-playbook's.
//
// The configuration plays of site.yml (manager, workers, load balancer) as they are, except:
// - the database play is left out (it would time MariaDB's start-up, not the tool);
// - `serial: 1` on the workers is dropped: it exists for the rolling restart, which a
//   configuration-only run (esb_manage_service: false) never does, and with it both tools would
//   configure the workers one after the other (Ansible: hours at 100 hosts).
// Ansible's copy also gets `gather_facts: false` on every play, and its tasks and roles translated
// by ansible-roles.ts (a play left with nothing to do is dropped). Both playbooks live in a work directory and reach the repository's roles (esbplay
// through its package role path, Ansible through the translated copy beside its playbook).

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { convertPlayTasks, writeAnsibleRoles } from './ansible-roles.js';

type Obj = Record<string, unknown>;

export interface BenchPlaybooks {
  readonly esbplay: string;
  readonly ansible: string;
  /** what the Ansible translation changed, task by task */
  readonly notes: readonly string[];
}

export async function writeBenchPlaybooks(repo: string, work: string): Promise<BenchPlaybooks> {
  const plays = (parse(await fs.readFile(path.join(repo, 'playbooks', 'site.yml'), 'utf8')) as Obj[])
    .filter((p) => p.hosts !== 'mysql')
    .map(({ serial: _serial, ...p }) => p);
  const header = (tool: string) => `# ${tool}'s playbook of npm run bench, derived from playbooks/site.yml by bench/cluster/bench-playbooks.ts\n`;
  const esbplay = path.join(work, 'esbplay', 'site.yml');
  await fs.mkdir(path.dirname(esbplay), { recursive: true });
  await fs.writeFile(esbplay, header('esbplay') + stringify(plays));
  const ansible = path.join(work, 'ansible', 'site.yml');
  await fs.mkdir(path.join(work, 'ansible', 'roles'), { recursive: true });
  const notes: string[] = [];
  const ansiblePlays = plays.map((p, i) => {
    const out: Obj = { ...p, gather_facts: false };
    for (const k of ['pre_tasks', 'tasks', 'post_tasks', 'handlers']) {
      const t = convertPlayTasks(p[k], `play${i}-${k}`, notes);
      if (t) out[k] = t;
    }
    return out;
  }).filter((p) => ['pre_tasks', 'tasks', 'post_tasks', 'roles'].some((k) => Array.isArray(p[k]) && (p[k] as unknown[]).length > 0));
  await fs.writeFile(ansible, header('ansible-playbook') + stringify(ansiblePlays));
  const roles = await roleClosure(path.join(repo, 'roles'), plays.flatMap((p) => namesOf(p.roles)));
  notes.push(...(await writeAnsibleRoles(path.join(repo, 'roles'), roles, path.join(work, 'ansible', 'roles'))));
  return { esbplay, ansible, notes };
}

function namesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((r) => (typeof r === 'string' ? [r] : r && typeof r === 'object' && typeof (r as Obj).role === 'string' ? [(r as Obj).role as string] : []));
}

/** The roles and, recursively, their meta dependencies. */
async function roleClosure(rolesDir: string, start: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (name: string): Promise<void> => {
    if (seen.has(name)) return;
    seen.add(name);
    const meta = await fs.readFile(path.join(rolesDir, name, 'meta', 'main.yml'), 'utf8').catch(() => '');
    for (const dep of namesOf((parse(meta) as Obj | null)?.dependencies)) await visit(dep);
  };
  for (const r of start) await visit(r);
  return [...seen];
}
