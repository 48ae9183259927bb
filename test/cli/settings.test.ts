// esbplay.cfg, ESBPLAY_* variables and flags: which file is read, the precedence (flag > env > cfg > default), mistakes in the file.

import assert from 'node:assert/strict';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { specFromHostVars } from '../../src/connection/spec.js';
import { cli, debugMessages, localInventory, tempProject } from './cli-helpers.js';

const SHOW_VARS = `- hosts: all
  tasks:
    - debug:
        msg: "user={{ ansible_user | default('-') }} become={{ ansible_become | default('-') }} become_user={{ ansible_become_user | default('-') }} timeout={{ ansible_timeout | default('-') }} key={{ ansible_ssh_private_key_file | default('-') }} connection={{ ansible_connection | default('-') }}"
`;

describe('cli: esbplay.cfg, ESBPLAY_* and flags', () => {
  let p: ReturnType<typeof tempProject>;
  beforeEach(() => {
    p = tempProject({
      'inv-a.yml': localInventory(['a1']),
      'inv-b.yml': localInventory(['b1']),
      'inv-c.yml': localInventory(['c1']),
      'pb.yml': SHOW_VARS,
    });
  });
  afterEach(() => p.cleanup());

  const hostsOf = (out: string) =>
    out
      .split('\n')
      .filter((l) => /^ {6}\S/.test(l))
      .map((l) => l.trim());

  it('inventory: -i beats ESBPLAY_INVENTORY beats esbplay.cfg (a path relative to the file)', async () => {
    p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\n');
    assert.deepEqual(hostsOf((await cli(['run', 'pb.yml', '--list-hosts'], { cwd: p.dir })).out), ['a1']);
    assert.deepEqual(hostsOf((await cli(['run', 'pb.yml', '--list-hosts'], { cwd: p.dir, env: { ESBPLAY_INVENTORY: 'inv-b.yml' } })).out), [
      'b1',
    ]);
    assert.deepEqual(
      hostsOf(
        (await cli(['run', 'pb.yml', '--list-hosts', '-i', 'inv-c.yml'], { cwd: p.dir, env: { ESBPLAY_INVENTORY: 'inv-b.yml' } })).out,
      ),
      ['c1'],
    );
    // run from a subdirectory with ESBPLAY_CONFIG: the inventory path stays relative to the file
    mkdirSync(path.join(p.dir, 'sub'));
    const r = await cli(['run', '../pb.yml', '--list-hosts'], { cwd: path.join(p.dir, 'sub'), env: { ESBPLAY_CONFIG: '../esbplay.cfg' } });
    assert.deepEqual(hostsOf(r.out), ['a1'], r.err);
  });

  it('no inventory anywhere: exit 5 saying where one can be given', async () => {
    const r = await cli(['run', 'pb.yml'], { cwd: p.dir });
    assert.equal(r.code, 5);
    assert.match(
      r.err,
      /^ERROR! no inventory: give -i INVENTORY, set ESBPLAY_INVENTORY, or write inventory = \.\.\. under \[defaults\] in esbplay\.cfg$/m,
    );
  });

  it('remote_user: -u beats ESBPLAY_REMOTE_USER beats esbplay.cfg, and every inventory ansible_user beats -u (as in Ansible)', async () => {
    p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\nremote_user = from-cfg\n');
    p.write('inv-u.yml', localInventory(['u1', 'u2'], { u2: { ansible_user: 'from-inventory' } }));
    const user = async (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      debugMessages((await cli(['run', 'pb.yml', '--output', 'json', ...argv], { cwd: p.dir, env })).out).map(
        (m) => /user=(\S+)/.exec(m)![1],
      );
    assert.deepEqual(await user([]), ['from-cfg']);
    assert.deepEqual(await user([], { ESBPLAY_REMOTE_USER: 'from-env' }), ['from-env']);
    assert.deepEqual(await user(['-u', 'from-flag'], { ESBPLAY_REMOTE_USER: 'from-env' }), ['from-flag']);
    assert.deepEqual(await user(['-u', 'from-flag', '-i', 'inv-u.yml']), ['from-flag', 'from-inventory']);
  });

  it("-b, --become-user, -T, --private-key and -c reach the run as the lowest layer under Ansible's names; cfg [privilege_escalation] too", async () => {
    const r = await cli(
      [
        'run',
        'pb.yml',
        '-i',
        'inv-a.yml',
        '--output',
        'json',
        '-b',
        '--become-user',
        'wso2',
        '-T',
        '17',
        '--private-key',
        '~/k',
        '-c',
        'ssh',
      ],
      { cwd: p.dir },
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(debugMessages(r.out), [`a1: user=- become=True become_user=wso2 timeout=17 key=${p.dir}/k connection=local`]);
    p.write('esbplay.cfg', '[privilege_escalation]\nbecome = yes\nbecome_user = app\n');
    const cfg = await cli(['run', 'pb.yml', '-i', 'inv-a.yml', '--output', 'json'], { cwd: p.dir });
    assert.match(debugMessages(cfg.out)[0]!, /become=True become_user=app /);
  });

  it('a value esbplay.cfg cannot hold is exit 5 at file:line, without a stack trace; ESBPLAY_FORKS=abc too', async () => {
    const cfg = p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\nforks = many\n');
    const r = await cli(['run', 'pb.yml'], { cwd: p.dir });
    assert.equal(r.code, 5);
    assert.ok(r.err.startsWith(`ERROR! ${cfg}:3:1: [defaults] forks must be a whole number of at least 1, got "many"`), r.err);
    assert.doesNotMatch(r.err, /^\s+at /m);
    p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\n');
    const env = await cli(['run', 'pb.yml'], { cwd: p.dir, env: { ESBPLAY_FORKS: 'abc' } });
    assert.equal(env.code, 5);
    assert.match(env.err, /^ERROR! ESBPLAY_FORKS must be a whole number of at least 1, got "abc"$/m);
  });

  it('a key esbplay does not read is a warning naming file:line and the closest setting; a key before any section is exit 5', async () => {
    const cfg = p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\nforkss = 3\ngathering = smart\n');
    const r = await cli(['run', 'pb.yml', '--list-hosts'], { cwd: p.dir });
    assert.equal(r.code, 0);
    assert.match(
      r.err,
      new RegExp(
        `^\\[WARNING\\]: ${cfg}:3: \\[defaults\\] forkss is not an esbplay setting and is ignored \\(did you mean \\[defaults\\] forks\\?\\)$`,
        'm',
      ),
    );
    assert.match(r.err, /\[defaults\] gathering is not an esbplay setting and is ignored$/m);
    p.write('esbplay.cfg', 'inventory = inv-a.yml\n');
    const bad = await cli(['run', 'pb.yml'], { cwd: p.dir });
    assert.equal(bad.code, 5);
    assert.match(bad.err, /esbplay\.cfg:1:1: 'inventory' comes before any \[section\] header/);
  });

  it('which file: ESBPLAY_CONFIG, else ./esbplay.cfg (not in a world-writable directory), else ~/.esbplay.cfg; only the first is read', async () => {
    const home = path.join(p.dir, 'home');
    p.write('home/.esbplay.cfg', '[defaults]\ninventory = ../inv-b.yml\n');
    const fromHome = await cli(['run', 'pb.yml', '--list-hosts'], { cwd: p.dir, env: { HOME: home } });
    assert.deepEqual(hostsOf(fromHome.out), ['b1'], fromHome.err);
    p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\n');
    assert.deepEqual(hostsOf((await cli(['run', 'pb.yml', '--list-hosts'], { cwd: p.dir, env: { HOME: home } })).out), ['a1']);
    p.write('other.cfg', '[defaults]\ninventory = inv-c.yml\n');
    assert.deepEqual(
      hostsOf((await cli(['run', 'pb.yml', '--list-hosts'], { cwd: p.dir, env: { HOME: home, ESBPLAY_CONFIG: 'other.cfg' } })).out),
      ['c1'],
    );
    const missing = await cli(['run', 'pb.yml'], { cwd: p.dir, env: { ESBPLAY_CONFIG: 'nope.cfg' } });
    assert.equal(missing.code, 5);
    assert.match(missing.err, /ESBPLAY_CONFIG names .*nope\.cfg, which does not exist/);
    chmodSync(p.dir, 0o777);
    const open = await cli(['run', 'pb.yml', '--list-hosts'], { cwd: p.dir, env: { HOME: home } });
    assert.deepEqual(hostsOf(open.out), ['b1']);
    assert.match(open.err, /\[WARNING\]: esbplay is being run in a world writable directory .*ignoring it as a config source/);
    chmodSync(p.dir, 0o700);
  });

  it('[tags] run, [defaults] verbosity and roles_path from esbplay.cfg apply; --version names the file and the role path', async () => {
    p.write(
      'roles-extra/greeter/tasks/main.yml',
      '- debug: { msg: "hello from greeter" }\n  tags: [greet]\n- debug: { msg: "not tagged" }\n',
    );
    p.write('roles.yml', '- hosts: all\n  roles: [greeter]\n');
    p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\nroles_path = roles-extra\nverbosity = 1\n\n[tags]\nrun = greet\n');
    const r = await cli(['run', 'roles.yml'], { cwd: p.dir });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /hello from greeter/);
    assert.doesNotMatch(r.out, /not tagged/);
    assert.match(r.out, /^ok: \[a1\] => \{/m);
    const v = await cli(['--version'], { cwd: p.dir });
    assert.match(v.out, new RegExp(`^  config file = ${p.dir}/esbplay\\.cfg$`, 'm'));
    assert.match(v.out, new RegExp(`configured role search path = \\[.*'${p.dir}/roles-extra'`));
  });

  it('vault_password_file from esbplay.cfg opens vaulted variables; without it the run stops with exit 5', async () => {
    const pw = p.write('pw.txt', 'cfg-vault-pw\n');
    const enc = await cli(['vault', 'encrypt_string', '--vault-password-file', pw, '--name', 'greeting', 'hello-vault'], { cwd: p.dir });
    assert.equal(enc.code, 0, enc.err);
    p.write(
      'vaulted.yml',
      `- hosts: all\n  vars:\n    ${enc.out.trim().replace(/\n/g, '\n    ')}\n  tasks:\n    - debug: { msg: "{{ greeting | length }}" }\n`,
    );
    const without = await cli(['run', 'vaulted.yml', '-i', 'inv-a.yml'], { cwd: p.dir });
    assert.equal(without.code, 5, without.out);
    p.write('esbplay.cfg', '[defaults]\ninventory = inv-a.yml\nvault_password_file = pw.txt\n');
    const withCfg = await cli(['run', 'vaulted.yml', '--output', 'json'], { cwd: p.dir });
    assert.equal(withCfg.code, 0, withCfg.err);
    assert.deepEqual(debugMessages(withCfg.out), ['a1: 11']);
  });

  it('host_key_checking from esbplay.cfg/ESBPLAY_HOST_KEY_CHECKING is the default the inventory can still override per host', () => {
    assert.equal(specFromHostVars('h', {}, { hostKeyChecking: false }).hostKeyChecking, false);
    assert.equal(specFromHostVars('h', {}, {}).hostKeyChecking, true);
    assert.equal(specFromHostVars('h', { ansible_host_key_checking: true }, { hostKeyChecking: false }).hostKeyChecking, true);
    // a playbook source cannot turn it off: only the operator's variables are read
    assert.equal(specFromHostVars('h', { ansible_host_key_checking: false }, {}, {}).hostKeyChecking, true);
  });
});
