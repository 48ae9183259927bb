// Conditions that see a registered result must not template unrelated variables (lazy precedence).

import assert from 'node:assert/strict';
import { makeProject, runCli, type Project } from './helpers.js';

describe('engine: conditions over registered results stay lazy', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1'], allVars: { never_used: '{{ not_defined_anywhere }}' } })));
  afterEach(() => p.cleanup());

  for (const [name, keyword] of [
    ['failed_when', 'failed_when: r.rc != 0'],
    ['changed_when', 'changed_when: r.rc == 0'],
    ['until', 'until: r.rc == 0\n      retries: 2\n      delay: 0'],
  ] as const) {
    it(`${name} with register does not render a broken variable the task never reads`, async () => {
      p.write('site.yml', `- hosts: all\n  tasks:\n    - command: "true"\n      register: r\n      ${keyword}\n`);
      const r = await runCli(p, 'site.yml');
      assert.equal(r.code, 0, r.out + r.err);
      assert.doesNotMatch(r.out + r.err, /not_defined_anywhere/);
    });
  }
});
