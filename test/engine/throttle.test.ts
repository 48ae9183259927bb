// throttle (task, block, role, play): at most N hosts run a task at once; a fatal failure stops further hosts starting it.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hostResults, makeProject, runCli, runLib, type Project } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3', 'h4', 'h5'];

/**
 * A shell step that records how many hosts are inside it at once (flock-guarded counter in the
 * project dir). It stays inside until `barrier` hosts were inside together, or `tenths` x 0.1 s:
 * a run without throttle proves the counter sees real concurrency; a throttled run just leaves.
 * `max` is replaced by rename: the unlocked read in the wait loop never sees it empty (an empty read
 * ended the wait early under load and the fifth host came in after the others had left).
 */
function concurrencyProbe(p: Project, barrier: number, tenths = 3): string {
  const d = p.dir;
  return `shell: |
        set -e
        cd "${d}"
        touch cur max
        enter() { flock 9; n=$(( $(cat cur || echo 0) + 1 )); echo $n > cur; m=$(cat max); [ "$n" -gt "\${m:-0}" ] && { echo $n > max.new; mv max.new max; }; flock -u 9; }
        leave() { flock 9; echo $(( $(cat cur) - 1 )) > cur; flock -u 9; }
        exec 9>lock
        enter
        i=0; while [ "$(cat max)" -lt ${barrier} ] && [ $i -lt ${tenths} ]; do sleep 0.1; i=$((i+1)); done
        leave`;
}

const maxSeen = (p: Project) => Number(readFileSync(path.join(p.dir, 'max'), 'utf8').trim());

describe('engine: throttle', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: HOSTS })));
  afterEach(() => p.cleanup());

  it('without throttle the probe sees all 5 hosts at once (the probe measures real concurrency)', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - ${concurrencyProbe(p, 5, 300)}\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(maxSeen(p), 5);
  });

  for (const [where, yaml] of [
    ['task', (probe: string) => `- hosts: all\n  tasks:\n    - ${probe}\n      throttle: 2\n`],
    ['block', (probe: string) => `- hosts: all\n  tasks:\n    - block:\n        - ${probe.replace(/\n/g, '\n    ')}\n      throttle: 2\n`],
    ['play', (probe: string) => `- hosts: all\n  throttle: "{{ '2' }}"\n  tasks:\n    - ${probe}\n`],
  ] as const) {
    it(`throttle: 2 on the ${where}: never more than 2 hosts inside the task at once, every host runs it`, async () => {
      p.write('site.yml', yaml(concurrencyProbe(p, 5)));
      const r = await runLib(p, 'site.yml');
      assert.equal(r.exitCode, 0);
      assert.ok(maxSeen(p) <= 2, `max concurrency ${maxSeen(p)}`);
      assert.equal(hostResults(r.events).filter((e) => e.status === 'changed').length, 5);
    });
  }

  it('throttle on a role entry applies to the role tasks', async () => {
    p.write('roles/r/tasks/main.yml', `- ${concurrencyProbe(p, 5).replace(/\n {6}/g, '\n    ')}\n`);
    p.write('site.yml', `- hosts: all\n  roles:\n    - { role: r, throttle: 1 }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(maxSeen(p), 1);
  });

  for (const fatal of ['any_errors_fatal: true', 'max_fail_percentage: 0']) {
    it(`throttle 1 + ${fatal}: after h2 fails no further host starts the task, later tasks run nowhere`, async () => {
      p.write('site.yml', `- hosts: all
  ${fatal}
  tasks:
    - name: rolling restart
      shell: touch "{{ root_dir }}/restarted"; test {{ inventory_hostname }} != h2
      throttle: 1
    - name: after
      shell: touch "{{ root_dir }}/after"
`);
      const r = await runCli(p, 'site.yml');
      assert.equal(r.code, 2, r.err);
      assert.deepEqual(HOSTS.filter((h) => existsSync(p.file(h, 'restarted'))), ['h1', 'h2']);
      assert.deepEqual(HOSTS.filter((h) => existsSync(p.file(h, 'after'))), []);
      assert.match(r.out, /'rolling restart' failed on h2 with throttle 1: no further host starts it/);
      assert.match(r.out, /^h2 +: ok=0 +changed=0 +unreachable=0 +failed=1 /m);
    });
  }

  it('throttle 1 without any_errors_fatal: a failure on h2 does not stop h3..h5 (as Ansible)', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - shell: touch "{{ root_dir }}/restarted"; test {{ inventory_hostname }} != h2\n      throttle: 1\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(HOSTS.filter((h) => existsSync(p.file(h, 'restarted'))), HOSTS);
  });

  it('a throttle that is not a whole number is an error at its line before any host is touched', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - shell: touch "{{ root_dir }}/x"\n      throttle: two\n`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5);
    assert.match(r.err, /site\.yml:4:\d+.*'throttle' must be a whole number/);
    assert.equal(HOSTS.some((h) => existsSync(p.file(h, 'x'))), false);
  });
});
