// --start-at-task and --step: which tasks run, decided before each task starts (Ansible's meanings).

import type { Playbook, Node } from '../loader/model.js';
import type { TaskRef } from '../report/events.js';
import { UserError } from '../errors.js';

/** Ansible's fnmatch: `*`, `?` and `[...]`, the whole name. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[' && glob.indexOf(']', i + 1) > i + 1) {
      const end = glob.indexOf(']', i + 1);
      const body = glob.slice(i + 1, end);
      re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else re += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** The task's name or `role : name` equals or matches the --start-at-task pattern. */
export function matchesStartAt(pattern: string, name: string, role: string | undefined): boolean {
  const re = globRegExp(pattern);
  const full = role ? `${role} : ${name}` : name;
  return name === pattern || full === pattern || re.test(name) || re.test(full);
}

/** --start-at-task naming no task of the playbook is a mistake found before any host is touched. */
export function checkStartAt(pattern: string, pb: Playbook): void {
  const names: { name: string; role?: string }[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'block') walk([...n.block, ...n.rescue, ...n.always]);
      else names.push({ name: n.name ?? n.module, role: n.role?.role.name });
    }
  };
  for (const p of pb.plays) walk([...p.preTasks, ...p.roleTasks, ...p.tasks, ...p.postTasks]);
  if (!names.some((t) => matchesStartAt(pattern, t.name, t.role))) {
    throw new UserError(
      `--start-at-task: no task matches "${pattern}" (names are matched whole, '*' and '?' as globs, 'role : name' too; tasks of include_tasks files are only known at run time)`,
    );
  }
}

export interface GateOptions {
  readonly startAt?: string;
  readonly step?: boolean;
  /** asks a question and returns the answer (the terminal, or a line of stdin) */
  readonly ask: (question: string) => Promise<string>;
}

/**
 * The decision before each task: tasks before the first match of --start-at-task do not run (handlers
 * are not tasks to start at); with --step the user answers y (run), n (skip, the default) or c (run this
 * and every later task without asking), as ansible-playbook asks "Perform task".
 */
export function makeTaskGate(o: GateOptions): ((task: TaskRef) => Promise<boolean>) | undefined {
  if (o.startAt === undefined && !o.step) return undefined;
  let started = o.startAt === undefined;
  let stepping = !!o.step;
  return async (task) => {
    if (!started && !task.handler) started = matchesStartAt(o.startAt!, task.name, task.role);
    if (!started && !task.handler) return false;
    if (!stepping) return true;
    const label = task.role ? `${task.role} : ${task.name}` : task.name;
    const answer = (await o.ask(`Perform task: TASK: ${label} (N)o/(y)es/(c)ontinue: `)).trim().toLowerCase();
    if (answer === 'c' || answer === 'continue') stepping = false;
    return ['y', 'yes', 'c', 'continue'].includes(answer);
  };
}
