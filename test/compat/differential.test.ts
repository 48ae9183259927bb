// The differential suite: every case run by ansible-playbook and by esbplay, phase by phase, compared.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapLimit } from '../../src/executor/limit.js';
import { requireAnsible, type AnsibleEnv } from './ansible-env.js';
import { cachedAnsibleRun } from './ansible-cache.js';
import { startLauncher, type AnsibleLauncher } from './ansible-launcher.js';
import type { CaseResult, CompatCase } from './case-types.js';
import { differences, judge } from './compare.js';
import { runEsbplayCase } from './run-tools.js';
import { ALL_CASES } from './cases/index.js';

const DOCS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'ansible-differences.md');
const only = process.env.COMPAT_ONLY ? new RegExp(process.env.COMPAT_ONLY) : undefined;
const CASES = only ? ALL_CASES.filter((c) => only.test(c.name)) : ALL_CASES;
const JOBS = Number(process.env.COMPAT_JOBS ?? 4);

/** Headings of docs/ansible-differences.md, as the anchors GitHub makes of them. */
function documentedDifferences(): Set<string> {
  const text = readFileSync(DOCS, 'utf8');
  return new Set([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
}

describe('compat: the case table', () => {
  it(`has at least 100 cases with unique names (${ALL_CASES.length})`, () => {
    assert.ok(ALL_CASES.length >= 100, `${ALL_CASES.length} cases`);
    const names = ALL_CASES.map((c) => c.name);
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  });

  it('every tolerated difference points at a section of docs/ansible-differences.md', () => {
    const docs = documentedDifferences();
    for (const c of ALL_CASES) for (const t of c.tolerate ?? []) assert.ok(docs.has(t.doc), `${c.name}: '${t.doc}' is not a heading of docs/ansible-differences.md`);
  });
});

describe('compat: ansible-playbook and esbplay do the same', function () {
  this.timeout(60 * 60_000);
  const results = new Map<string, { ansible?: CaseResult; esbplay?: CaseResult; error?: unknown }>();
  let env: AnsibleEnv;
  let launcher: AnsibleLauncher | undefined;
  let seconds = 0;

  before(async function () {
    env = requireAnsible(this);
    const started = Date.now();
    const ansibleRuns = startLauncher(env);
    launcher = ansibleRuns;
    await mapLimit(CASES, JOBS, async (c: CompatCase) => {
      try {
        const [ansible, esbplay] = await Promise.all([cachedAnsibleRun(env, ansibleRuns, c), runEsbplayCase(c)]);
        results.set(c.name, { ansible, esbplay });
      } catch (error) {
        results.set(c.name, { error });
      }
    });
    seconds = (Date.now() - started) / 1000;
  });

  after(async () => {
    await launcher?.stop();
    if (results.size > 0) console.log(`    compat: ${results.size} cases, ${JOBS} at a time, ${seconds.toFixed(1)} s (ansible ${env?.version})`);
  });

  for (const c of CASES) {
    it(c.name, function () {
      const r = results.get(c.name);
      assert.ok(r, 'the case did not run');
      if (r.error) throw r.error;
      const { bad, stale } = judge(c, differences(c, r.ansible!, r.esbplay!));
      const report = bad.map((d) => `[${d.phase}] ${d.aspect}: ${d.detail}`);
      if (c.pendingOn !== undefined) {
        assert.ok(bad.length > 0, `${c.name} now behaves like ansible-playbook: remove its pendingOn ("${c.pendingOn}")`);
        if (process.env.COMPAT_VERBOSE) console.log(`      pending on ${c.pendingOn}:\n      ${report.join('\n      ')}`);
        this.skip();
      }
      if (bad.length > 0) {
        const outputs = (['run', 'check', 'rerun'] as const).filter((p) => bad.some((d) => d.phase === p)).slice(0, 1)
          .map((p) => `--- ansible ${p} output:\n${r.ansible![p]!.output}\n--- esbplay ${p} output:\n${r.esbplay![p]!.output}`);
        assert.fail(`${c.name}: esbplay differs from ansible-playbook\n      ${report.join('\n      ')}\n${process.env.COMPAT_VERBOSE ? outputs.join('\n') : ''}`);
      }
      assert.deepEqual(stale, [], `${c.name}: tolerated differences that no longer occur (remove them)`);
    });
  }
});
