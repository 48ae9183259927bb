// A failed handler under any_errors_fatal ends the play for every host; over max_fail_percentage it ends the playbook.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hostResults, makeProject, runLib, type Project } from './helpers.js';

const marker = (name: string) => `shell: echo ${name} >> "{{ root_dir }}/log"`;
const SECOND_PLAY = `- hosts: all\n  tasks:\n    - ${marker('second-play')}\n`;

/** A play whose one task notifies `notify`, with play keywords `head`, its handlers and the rest of the play. */
const notifyPlay = (head: string, notify: string, handlers: string, rest = '') =>
  `- hosts: all\n${head}  tasks:\n    - command: echo change\n      notify: ${notify}\n  handlers:\n${handlers}${rest}`;

describe('engine: failed handlers', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2', 'h3'] })));
  afterEach(() => p.cleanup());
  const log = (h: string) => (existsSync(p.file(h, 'log')) ? p.read(h, 'log') : '');

  it('serial + max_fail_percentage: 0: a failed throttled any_errors_fatal handler ends the playbook (the next play does not run)', async () => {
    p.write('site.yml', notifyPlay('  serial: 2\n  max_fail_percentage: 0\n', 'restart', `    - name: restart
      command: /bin/false
      throttle: 1
      any_errors_fatal: true
`) + SECOND_PLAY);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    for (const h of p.hosts) assert.equal(log(h), '', `${h} ran the second play`);
    // the second batch (h3) never started
    assert.equal(hostResults(r.events).some((e) => e.host === 'h3'), false);
    assert.ok(r.events.some((e) => e.type === 'play_aborted' && /max_fail_percentage/.test(e.reason)));
  });

  it('serial + max_fail_percentage: 0 without any_errors_fatal: a failed handler still ends the playbook', async () => {
    p.write('site.yml', notifyPlay('  serial: 1\n  max_fail_percentage: 0\n', 'restart', '    - name: restart\n      command: /bin/false\n') + SECOND_PLAY);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(hostResults(r.events).map((e) => e.host), ['h1', 'h1']);
    for (const h of p.hosts) assert.equal(log(h), '');
  });

  it('any_errors_fatal on a failed handler ends the play for the other hosts: no later handler, post_tasks or play', async () => {
    p.write('site.yml', notifyPlay('', '[restart, after]', `    - name: restart
      command: /bin/false
      when: inventory_hostname == 'h1'
      any_errors_fatal: true
    - name: after
      ${marker('after-handler')}
`, `  post_tasks:\n    - ${marker('post')}\n`) + SECOND_PLAY);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    for (const h of p.hosts) assert.equal(log(h), '', `${h}: ${log(h)}`);
    // as Ansible counts it: only h1 failed, the others were stopped
    assert.deepEqual(Object.fromEntries(p.hosts.map((h) => [h, r.stats[h]!.failed])), { h1: 1, h2: 0, h3: 0 });
  });

  it('play-level any_errors_fatal applies to handlers too', async () => {
    p.write('site.yml', notifyPlay('  any_errors_fatal: true\n', '[restart, after]', `    - name: restart
      command: /bin/false
      when: inventory_hostname == 'h2'
    - name: after
      ${marker('after-handler')}
`));
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    for (const h of p.hosts) assert.equal(log(h), '');
  });

  it('without any_errors_fatal the other hosts go on to the next handler', async () => {
    p.write('site.yml', notifyPlay('', '[restart, after]', `    - name: restart
      command: /bin/false
      when: inventory_hostname == 'h1'
    - name: after
      ${marker('after-handler')}
`));
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(p.hosts.map(log), ['', 'after-handler\n', 'after-handler\n']);
  });
});
