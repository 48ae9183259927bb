// Compares a --check --output json document with the real run's: host by host, task by task, diff by diff, changed counts.

import { isDeepStrictEqual } from 'node:util';
import { unknownOfResult } from './unknown-of.js';

type Obj = Record<string, unknown>;

export interface RunComparison {
  /** every place where the check run did not predict the real run ("play 1, task 'x' (file:line), host h: ...") */
  readonly mismatches: string[];
  /** task results check mode reported unknown (not compared) */
  readonly unknown: string[];
  /** task results compared */
  readonly compared: number;
}

interface TaskEntry {
  readonly label: string;
  readonly hosts: Readonly<Record<string, Obj>>;
}

function tasksOf(doc: Obj): Map<string, TaskEntry> {
  const out = new Map<string, TaskEntry>();
  const plays = (doc.plays as Obj[] | undefined) ?? [];
  plays.forEach((play, pi) => {
    const seen = new Map<string, number>();
    for (const t of (play.tasks as Obj[] | undefined) ?? []) {
      const task = t.task as Obj;
      const base = `play ${pi + 1}, ${task.handler ? 'handler' : 'task'} '${String(task.name)}' (${String(task.file)}:${String(task.line)})`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const label = n > 1 ? `${base} #${n}` : base;
      out.set(label, { label, hosts: (t.hosts as Obj) as Record<string, Obj> });
    }
  });
  return out;
}

function unknownOf(entry: Obj | undefined): string | undefined {
  return unknownOfResult(entry?.result as Obj | undefined);
}

/** What the check run (first document) predicted that the real run (second) did not do, and what it left unknown. */
export function compareRunDocuments(check: Obj, run: Obj): RunComparison {
  const mismatches: string[] = [];
  const unknown: string[] = [];
  let compared = 0;
  const c = tasksOf(check);
  const r = tasksOf(run);
  const unknownHosts = new Set<string>();
  for (const label of new Set([...c.keys(), ...r.keys()])) {
    const ct = c.get(label);
    const rt = r.get(label);
    for (const host of new Set([...Object.keys(ct?.hosts ?? {}), ...Object.keys(rt?.hosts ?? {})])) {
      const ce = ct?.hosts[host];
      const re = rt?.hosts[host];
      const why = unknownOf(ce);
      if (why !== undefined) {
        unknown.push(`${label}, host ${host}: ${why}`);
        unknownHosts.add(host);
        continue;
      }
      if (!ce || !re) {
        mismatches.push(`${label}, host ${host}: ${ce ? 'predicted but not run' : 'run but not predicted'}`);
        continue;
      }
      compared++;
      if (ce.status !== re.status) mismatches.push(`${label}, host ${host}: predicted ${String(ce.status)}, the run was ${String(re.status)}${re.status === 'failed' || ce.status === 'failed' ? ` (${String((((ce.status === 'failed' ? ce : re).result as Obj)?.msg) ?? '')})` : ''}`);
      if (!isDeepStrictEqual(ce.diff ?? [], re.diff ?? [])) mismatches.push(`${label}, host ${host}: the diffs differ\n--- predicted\n${JSON.stringify(ce.diff ?? [], null, 1)}\n--- run\n${JSON.stringify(re.diff ?? [], null, 1)}`);
    }
  }
  const cs = (check.stats as Record<string, Obj> | undefined) ?? {};
  const rs = (run.stats as Record<string, Obj> | undefined) ?? {};
  for (const host of new Set([...Object.keys(cs), ...Object.keys(rs)])) {
    if (unknownHosts.has(host)) continue;
    for (const k of ['changed', 'failed', 'unreachable'] as const) {
      if ((cs[host]?.[k] ?? 0) !== (rs[host]?.[k] ?? 0)) mismatches.push(`stats, host ${host}: predicted ${k}=${String(cs[host]?.[k] ?? 0)}, the run had ${k}=${String(rs[host]?.[k] ?? 0)}`);
    }
  }
  return { mismatches, unknown, compared };
}
