// The bad-input corpus: every case exits with its code and message at its file:line, prints no stack trace, and changes no host.

import assert from 'node:assert/strict';
import { runCase, type BadInputCase } from './corpus-runner.js';
import { CLASSIC_CASES } from './cases-classic.js';
import { YAML_CASES } from './cases-yaml.js';
import { CYCLE_CASES } from './cases-cycles.js';
import { ENCODING_CASES } from './cases-encodings.js';
import { PATH_CASES } from './cases-paths.js';
import { VALIDATION_CASES } from './cases-validation.js';
import { RUNTIME_CASES } from './cases-runtime.js';
import { INJECTION_CASES } from './cases-injection.js';

const GROUPS: Record<string, BadInputCase[]> = {
  'classic errors': CLASSIC_CASES,
  'hostile YAML': YAML_CASES,
  'cycles and recursion': CYCLE_CASES,
  'encodings': ENCODING_CASES,
  'paths leaving the project': PATH_CASES,
  'found by the preflight': VALIDATION_CASES,
  'faults on the host at run time': RUNTIME_CASES,
  'injection attempts': INJECTION_CASES,
};

describe('bad-input corpus', function () {
  this.timeout(120_000);
  it('has at least 60 cases with unique names', () => {
    const names = Object.values(GROUPS).flat().filter((c) => !c.pending).map((c) => c.name);
    assert.ok(names.length >= 60, `${names.length} cases`);
    assert.equal(new Set(names).size, names.length);
  });
  for (const [group, cases] of Object.entries(GROUPS)) {
    describe(group, () => {
      for (const c of cases) {
        if (c.pending) it.skip(`${c.name} (pending: ${c.pending})`, () => undefined);
        else it(`${c.name} (exit ${c.exit})`, () => runCase(c));
      }
    });
  }
});
