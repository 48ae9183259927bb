// Compares what ansible-playbook and esbplay did in each phase; tolerated differences must be documented and real.

import { isDeepStrictEqual } from 'node:util';
import type { Aspect, CaseResult, CompatCase, Entry, Phase, PhaseResult } from './case-types.js';
import { PHASES } from './case-types.js';
import { debugByHost } from './parse-output.js';

/**
 * Exit codes by meaning. ansible-playbook: 0 ok, 2 host failed, 4 unreachable, and 1/4/5 with
 * "ERROR!" for a playbook it refuses. esbplay: 0, 2, 4 unreachable, 5 invalid input, 1 a bug.
 */
export function exitClass(tool: 'ansible' | 'esbplay', r: PhaseResult): string {
  const code = r.exit;
  if (code === 0) return 'ok';
  if (code === 2) return 'host failed';
  if (tool === 'ansible' && [1, 4, 5].includes(code) && /^ERROR!/m.test(r.output)) return 'invalid playbook';
  if (tool === 'esbplay' && code === 5) return 'invalid playbook';
  if (code === 4) return 'unreachable';
  return tool === 'esbplay' && code === 1 ? 'esbplay bug (exit 1)' : `exit ${code}`;
}

export interface Difference {
  readonly phase: Phase;
  readonly aspect: Aspect;
  readonly detail: string;
}

export function differences(c: CompatCase, ansible: CaseResult, esbplay: CaseResult): Difference[] {
  const out: Difference[] = [];
  for (const phase of c.phases ?? PHASES) {
    const a = ansible[phase];
    const e = esbplay[phase];
    if (!a || !e) continue;
    const ea = exitClass('ansible', a);
    const ee = exitClass('esbplay', e);
    if (ea !== ee) out.push({ phase, aspect: 'exit', detail: `ansible exit ${a.exit} (${ea}), esbplay exit ${e.exit} (${ee})` });
    if (!isDeepStrictEqual(a.recap, e.recap)) out.push({ phase, aspect: 'recap', detail: recapDiff(a, e) });
    const fd = filesDiff(a.files, e.files);
    if (fd) out.push({ phase, aspect: 'files', detail: fd });
    const da = debugByHost(a.debug);
    const de = debugByHost(e.debug);
    if (!isDeepStrictEqual(da, de)) out.push({ phase, aspect: 'debug', detail: `ansible printed ${JSON.stringify(da)}\n      esbplay printed ${JSON.stringify(de)}` });
  }
  return out;
}

function recapDiff(a: PhaseResult, e: PhaseResult): string {
  const hosts = [...new Set([...Object.keys(a.recap), ...Object.keys(e.recap)])].sort();
  return hosts.filter((h) => a.recap[h] !== e.recap[h]).map((h) => `${h}: ansible ${a.recap[h] ?? '(none)'} | esbplay ${e.recap[h] ?? '(none)'}`).join('\n      ');
}

function filesDiff(a: Readonly<Record<string, Entry>>, e: Readonly<Record<string, Entry>>): string | undefined {
  const lines: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(e)])].sort()) {
    const x = a[k];
    const y = e[k];
    if (!x) lines.push(`${k}: only esbplay wrote it (${show(y!)})`);
    else if (!y) lines.push(`${k}: only ansible wrote it (${show(x)})`);
    else if (!isDeepStrictEqual(x, y)) lines.push(`${k}: ansible ${show(x)} | esbplay ${show(y)}`);
  }
  return lines.length ? lines.join('\n      ') : undefined;
}

function show(x: Entry): string {
  const text = x.content === undefined ? '' : ` ${JSON.stringify(Buffer.from(x.content, 'latin1').toString('utf8').slice(0, 300))}`;
  return `${x.type} ${x.mode}${text}`;
}

/** Differences a case does not tolerate, and tolerances that matched nothing (stale: remove them). */
export function judge(c: CompatCase, diffs: readonly Difference[]): { readonly bad: Difference[]; readonly stale: string[] } {
  const tol = c.tolerate ?? [];
  const covered = (d: Difference) => tol.some((t) => t.aspect === d.aspect && (!t.phases || t.phases.includes(d.phase)));
  const bad = diffs.filter((d) => !covered(d));
  const stale = tol.filter((t) => !diffs.some((d) => d.aspect === t.aspect && (!t.phases || t.phases.includes(d.phase)))).map((t) => `${t.aspect} (${t.doc})`);
  return { bad, stale };
}
