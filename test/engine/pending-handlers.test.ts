// Handlers a failed run left notified: restored when the roles/tasks start (after pre_tasks), in a templated esbplay_state_dir.

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { makeProject, runLib, type Project } from './helpers.js';

const log = (what: string) => `shell: echo ${what} >> "{{ root_dir }}/log"`;

/** The handler fails while `broken` is true; pre_tasks and tasks log themselves; the conf change notifies it. */
const SITE = `- hosts: all
  pre_tasks:
    - ${log('pre')}
  roles: [app]
  tasks:
    - ${log('task')}
  handlers:
    - name: restart
      shell: test "{{ broken }}" = False && echo restart >> "{{ root_dir }}/log"
`;
const ROLE_TASKS = `- ${log('role')}
- copy: { dest: "{{ root_dir }}/conf", content: "v1" }
  notify: restart
`;

describe('engine: pending handlers of a failed run', () => {
  let p: Project;
  beforeEach(() => {
    // the record's directory from another inventory variable: <project>/hosts/h1/../../state
    p = makeProject({ hosts: ['h1'], hostVars: { h1: { esbplay_state_dir: '{{ root_dir }}/../../state' } } });
  });
  afterEach(() => p.cleanup());
  const lines = () => p.read('h1', 'log').trim().split('\n');

  function setup(roleTasks = ROLE_TASKS): void {
    p.write('site.yml', SITE);
    p.write('roles/app/tasks/main.yml', roleTasks);
  }

  it('run after the roles and tasks put the configuration back, not at the flush after pre_tasks', async () => {
    setup();
    const first = await runLib(p, 'site.yml', { extraVars: { broken: true} });
    assert.equal(first.exitCode, 2);
    assert.deepEqual(lines(), ['pre', 'role', 'task']);
    // nothing changes now (conf is v1): the restored notification alone runs the handler, after the tasks
    const second = await runLib(p, 'site.yml', { extraVars: { broken: false} });
    assert.equal(second.exitCode, 0);
    assert.deepEqual(lines(), ['pre', 'role', 'task', 'pre', 'role', 'task', 'restart']);
    assert.ok(second.events.some((e) => e.type === 'warning' && /handler 'restart' was notified by .* in an earlier run/.test(e.message)));
  });

  it('a role\'s meta: flush_handlers is the first flush that runs them', async () => {
    setup(`${ROLE_TASKS}- meta: flush_handlers\n- ${log('after-flush')}\n`);
    await runLib(p, 'site.yml', { extraVars: { broken: true} });
    const second = await runLib(p, 'site.yml', { extraVars: { broken: false} });
    assert.equal(second.exitCode, 0);
    assert.deepEqual(lines().slice(-5), ['pre', 'role', 'restart', 'after-flush', 'task']);
  });

  it('esbplay_state_dir is rendered with the inventory\'s variables: the record is in that directory, none named after the template', async () => {
    setup();
    await runLib(p, 'site.yml', { extraVars: { broken: true} });
    const records = readdirSync(path.join(p.dir, 'state', 'pending-handlers'));
    assert.equal(records.length, 1);
    assert.equal(existsSync(path.join(process.cwd(), '{{ root_dir }}')), false);
  });
});
