// Human output details as ansible-playbook prints them, and colours: NO_COLOR, FORCE_COLOR, --no-color, esbplay.cfg, ERROR! in red.

import assert from 'node:assert/strict';
import { cli, localInventory, tempProject } from './cli-helpers.js';

const ANSI = /\x1b\[\d+m/;

const PLAYBOOK = `- hosts: all
  tasks:
    - name: write
      copy: { content: "v=2\\n", dest: "{{ playbook_dir }}/{{ inventory_hostname }}.txt" }
    - name: retried
      shell: echo x >> "{{ playbook_dir }}/{{ inventory_hostname }}.count" && test "$(wc -l < "{{ playbook_dir }}/{{ inventory_hostname }}.count")" -ge 2
      register: counted
      until: counted.rc == 0
      retries: 2
      delay: 0
`;

describe('cli: human output and colours', () => {
  let p: ReturnType<typeof tempProject>;
  beforeEach(() => {
    p = tempProject({ 'inv.yml': localInventory(['zeta', 'alpha', 'mid']), 'pb.yml': PLAYBOOK, 'zeta.txt': 'v=1\n' });
  });
  afterEach(() => p.cleanup());

  it('a diff comes before its status line, the recap is sorted by host, retries show in a plain log', async () => {
    const r = await cli(['run', 'pb.yml', '-i', 'inv.yml', '--diff'], { cwd: p.dir });
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    const diffAt = lines.indexOf(`--- before: ${p.dir}/zeta.txt`);
    const statusAt = lines.indexOf('changed: [zeta]');
    assert.ok(diffAt >= 0 && statusAt > diffAt, r.out);
    assert.deepEqual(lines.slice(diffAt, statusAt), [
      `--- before: ${p.dir}/zeta.txt`,
      `+++ after: ${p.dir}/zeta.txt`,
      '@@ -1,1 +1,1 @@',
      '-v=1',
      '+v=2',
    ]);
    const recap = lines
      .slice(lines.findIndex((l) => l.startsWith('PLAY RECAP')))
      .filter((l) => / : ok=/.test(l))
      .map((l) => l.split(' ')[0]);
    assert.deepEqual(recap, ['alpha', 'mid', 'zeta']);
    for (const h of ['alpha', 'mid', 'zeta']) assert.ok(lines.includes(`FAILED - RETRYING: [${h}]: retried (2 retries left).`), r.out);
    assert.doesNotMatch(r.out, ANSI);
  });

  it('-vv adds the task path, -vvv each connection and command (masked), -v neither', async () => {
    p.write(
      'secret.yml',
      '- hosts: alpha\n  vars: { token: !secret "Tok3n-in-argv" }\n  tasks:\n    - name: uses a token\n      command: echo {{ token }}\n',
    );
    const v1 = await cli(['run', 'secret.yml', '-i', 'inv.yml', '-v'], { cwd: p.dir });
    const v2 = await cli(['run', 'secret.yml', '-i', 'inv.yml', '-vv'], { cwd: p.dir });
    const v3 = await cli(['run', 'secret.yml', '-i', 'inv.yml', '-vvv'], { cwd: p.dir });
    for (const r of [v1, v2, v3]) assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(v1.out, /task path:|ESTABLISH/);
    assert.match(v2.out, new RegExp(`^task path: ${p.dir}/secret\\.yml:4$`, 'm'));
    assert.doesNotMatch(v2.out, /ESTABLISH/);
    assert.match(v3.out, /^<alpha> ESTABLISH LOCAL CONNECTION FOR USER: \S+$/m);
    assert.match(v3.out, /^<alpha> EXEC .*echo '?\*{8}'?$/m);
    assert.doesNotMatch(v3.out, /Tok3n-in-argv/);
  });

  it('delegate_to shows as host -> delegate (its ansible_host when the inventory has one), as ansible-playbook labels it', async () => {
    p.write(
      'inv2.yml',
      JSON.stringify({
        all: { hosts: { web: { ansible_connection: 'local' }, jump: { ansible_connection: 'local', ansible_host: '192.0.2.7' } } },
      }),
    );
    p.write(
      'dl.yml',
      '- hosts: web\n  tasks:\n    - debug: { msg: hi }\n      delegate_to: localhost\n    - command: "true"\n      delegate_to: jump\n    - command: "true"\n',
    );
    const r = await cli(['run', 'dl.yml', '-i', 'inv2.yml'], { cwd: p.dir });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ok: \[web -> localhost\] => \{$/m);
    assert.match(r.out, /^changed: \[web -> 192\.0\.2\.7\]$/m);
    assert.match(r.out, /^changed: \[web\]$/m);
    const jsonl = await cli(['run', 'dl.yml', '-i', 'inv2.yml', '--output', 'jsonl'], { cwd: p.dir });
    const delegated = jsonl.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; delegated_to?: string })
      .filter((e) => e.type === 'host_result')
      .map((e) => e.delegated_to ?? '-');
    assert.deepEqual(delegated, ['localhost', '192.0.2.7', '-']);
  });

  const colours = async (env: NodeJS.ProcessEnv, argv: string[] = [], tty = false) =>
    (await cli(['run', 'pb.yml', '-i', 'inv.yml', ...argv], { cwd: p.dir, env, tty })).out;

  it('colours: off in a log, on a terminal; FORCE_COLOR turns them on, NO_COLOR and --no-color off; FORCE_COLOR=0 is off', async () => {
    assert.doesNotMatch(await colours({}), ANSI);
    assert.match(await colours({}, [], true), ANSI);
    assert.match(await colours({ FORCE_COLOR: '1' }), ANSI);
    assert.match(await colours({ FORCE_COLOR: '' }, [], true), ANSI); // empty means unset
    assert.doesNotMatch(await colours({ FORCE_COLOR: '0' }, [], true), ANSI);
    assert.doesNotMatch(await colours({ NO_COLOR: '1' }, [], true), ANSI);
    assert.doesNotMatch(await colours({ ESBPLAY_NOCOLOR: 'true' }, [], true), ANSI);
    assert.doesNotMatch(await colours({ FORCE_COLOR: '1' }, ['--no-color']), ANSI);
    assert.match(await colours({ FORCE_COLOR: '1', NO_COLOR: '1' }), ANSI); // as Ansible: forcing wins
  });

  it('colours from esbplay.cfg: force_color in a log, nocolor on a terminal; the environment beats the file', async () => {
    p.write('esbplay.cfg', '[defaults]\nforce_color = true\n');
    assert.match(await colours({}), ANSI);
    assert.doesNotMatch(await colours({ NO_COLOR: '1' }), ANSI);
    p.write('esbplay.cfg', '[defaults]\nnocolor = 1\n');
    assert.doesNotMatch(await colours({}, [], true), ANSI);
    assert.match(await colours({ FORCE_COLOR: '1' }, [], true), ANSI);
  });

  it('ERROR! is red when colours are on for stderr, plain otherwise', async () => {
    p.write('bad.yml', '- hosts: all\n  tasks:\n    - kopy: { src: a, dest: b }\n');
    const plain = await cli(['run', 'bad.yml', '-i', 'inv.yml'], { cwd: p.dir });
    assert.equal(plain.code, 5);
    assert.match(plain.err, /^ERROR! /);
    const red = await cli(['run', 'bad.yml', '-i', 'inv.yml'], { cwd: p.dir, env: { FORCE_COLOR: '1' } });
    assert.ok(red.err.startsWith('\x1b[31mERROR! '), JSON.stringify(red.err.slice(0, 20)));
    const none = await cli(['run', 'bad.yml', '-i', 'inv.yml'], { cwd: p.dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.match(none.err, ANSI); // FORCE_COLOR wins here too
    const off = await cli(['run', 'bad.yml', '-i', 'inv.yml'], { cwd: p.dir, env: { NO_COLOR: '1' } });
    assert.doesNotMatch(off.err, ANSI);
  });
});
