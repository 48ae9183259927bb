// Static imports refuse what only dynamic includes can do, at the user's line (exit 5, nothing touched).

import assert from 'node:assert/strict';
import { makeProject, runCli, type Project } from './helpers.js';

describe('engine: import_tasks / import_role are static', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1'] })));
  afterEach(() => p.cleanup());

  for (const [what, line] of [['import_tasks: more.yml', 'loop: [1, 2]'], ['import_role: { name: r }', 'with_items: [1]']] as const) {
    it(`${what} with ${line.split(':')[0]} is an error naming include_* (as Ansible refuses it)`, async () => {
      p.write('more.yml', '- debug: { msg: x }\n');
      p.write('roles/r/tasks/main.yml', '- debug: { msg: r }\n');
      p.write('site.yml', `- hosts: all\n  tasks:\n    - ${what}\n      ${line}\n`);
      const r = await runCli(p, 'site.yml');
      assert.equal(r.code, 5);
      assert.match(r.err, /site\.yml:4:\d+.*is static and cannot loop.*use include_(tasks|role)/);
    });
  }
});
