// user and group on a real host over ssh: its own /etc/passwd, /etc/group, /etc/shadow and /home (never this machine's).

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { groupModule } from '../../src/modules/group.js';
import { statModule } from '../../src/modules/stat.js';
import type { ModuleDefinition } from '../../src/modules/types.js';
import { userModule } from '../../src/modules/user.js';
import { requireLab } from './lab-prereq.js';
import { runTask, type Outcome } from '../modules/plan-apply.js';
import { startSysHost, type SysHost } from './sys-host.js';

function hashOf(password: string): string {
  return execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n`, encoding: 'utf8' }).trim();
}

describe('user and group on an ssh host with its own account files', function () {
  this.timeout(120_000);
  let host: SysHost;
  let conn: SshConnection;
  const sh = async (...argv: string[]) => {
    const r = await conn.exec(argv);
    assert.equal(r.exitCode, 0, `${argv.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const files = () => sh('cat', '/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow');
  /** check mode first (nothing written, same plan), then the run, then a second run that is ok */
  const converge = async (def: ModuleDefinition, args: Record<string, unknown>): Promise<Outcome> => {
    const before = await files();
    const check = await runTask(def, args, conn, true);
    assert.equal(await files(), before, 'check mode wrote nothing');
    const real = await runTask(def, args, conn);
    assert.deepEqual(real.plan.changes.map((c) => c.kind === 'exec' && c.argv), check.plan.changes.map((c) => c.kind === 'exec' && c.argv), 'check mode predicted the run');
    assert.equal(real.status, check.status);
    const again = await runTask(def, args, conn);
    assert.equal(again.status, 'ok', `second run: ${again.failed ?? JSON.stringify(again.plan.changes.map((c) => c.kind === 'exec' && c.argv))}`);
    return real;
  };

  before(async function () {
    requireLab(this);
    host = await startSysHost('accounts');
    conn = await openSsh(host.spec());
  });
  after(async () => {
    await conn?.close();
    await host?.stop();
  });

  it('group: a system group is added once, its gid changed, shared gid refused, removed', async () => {
    const made = await converge(groupModule, { name: 'wso2', system: true });
    assert.equal(made.status, 'changed');
    assert.deepEqual(made.plan.changes.map((c) => c.kind === 'exec' && c.argv), [['groupadd', '-r', 'wso2']]);
    const gid = Number((await sh('getent', 'group', 'wso2')).split(':')[2]);
    assert.ok(gid < 1000, `system gid ${gid}`);
    const moved = await converge(groupModule, { name: 'wso2', gid: 2345 });
    assert.equal(moved.status, 'changed');
    assert.equal(await sh('getent', 'group', 'wso2'), 'wso2:x:2345:');
    assert.match((await runTask(groupModule, { name: 'wso2', gid: 0 }, conn)).failed ?? '', /gid 0 is already used by group root/);
    await converge(groupModule, { name: 'gone', gid: 2399 });
    assert.equal((await converge(groupModule, { name: 'gone', state: 'absent' })).status, 'changed');
    assert.equal((await conn.exec(['getent', 'group', 'gone'])).exitCode, 2);
  });

  it('user: the service user with its group, home, shell, supplementary groups and password hash', async () => {
    const hash = hashOf('first-Secret');
    const args = { name: 'wso2', group: 'wso2', groups: ['adm'], system: true, home: '/opt/wso2/home', shell: '/usr/sbin/nologin', comment: 'WSO2 ESB', password: hash };
    const made = await converge(userModule, args);
    assert.equal(made.status, 'changed');
    assert.deepEqual(made.plan.changes.map((c) => c.kind === 'exec' && c.argv), [
      ['mkdir', '-p', '--', '/opt/wso2'],
      ['useradd', '-g', 'wso2', '-G', 'adm', '-c', 'WSO2 ESB', '-d', '/opt/wso2/home', '-s', '/usr/sbin/nologin', '-m', '-r', 'wso2'],
      ['chpasswd', '-e'],
    ]);
    const pw = (await sh('getent', 'passwd', 'wso2')).split(':');
    assert.deepEqual(pw.slice(3), ['2345', 'WSO2 ESB', '/opt/wso2/home', '/usr/sbin/nologin']);
    assert.ok(Number(pw[2]) < 1000, 'a system uid');
    assert.equal((await sh('getent', 'shadow', 'wso2')).split(':')[1], hash);
    assert.match(await sh('id', '-nG', 'wso2'), /\badm\b/);
    const home = (await runTask(statModule, { path: '/opt/wso2/home' }, conn)).result.stat as Record<string, unknown>;
    assert.deepEqual([home.isdir, home.pw_name, home.gr_name], [true, 'wso2', 'wso2']);
    assert.equal((await sh('stat', '-c', '%U', '/opt/wso2/home/.bashrc')), 'wso2', 'skeleton copied');
    const shown = JSON.stringify([made.result, made.plan.changes.map((c) => c.kind === 'exec' && [c.argv, c.summary])]);
    assert.ok(!shown.includes(hash.slice(3, 20)), 'the hash is in no argv, summary or result (only in chpasswd\'s stdin)');
    assert.equal(made.result.password, 'NOT_LOGGING_PASSWORD');
  });

  it('user: only what differs is changed (shell, appended group, new hash, lock), each converging', async () => {
    const shell = await converge(userModule, { name: 'wso2', shell: '/bin/bash' });
    assert.deepEqual(shell.plan.changes.map((c) => c.kind === 'exec' && c.argv), [['usermod', '-s', '/bin/bash', 'wso2']]);
    const grp = await converge(userModule, { name: 'wso2', groups: ['users'], append: true });
    assert.deepEqual(grp.plan.changes.map((c) => c.kind === 'exec' && c.argv), [['usermod', '-a', '-G', 'users', 'wso2']]);
    assert.match(await sh('id', '-nG', 'wso2'), /\badm\b.*\busers\b|\busers\b.*\badm\b/);
    const only = await converge(userModule, { name: 'wso2', groups: ['users'] });
    assert.deepEqual(only.plan.changes.map((c) => c.kind === 'exec' && c.argv), [['usermod', '-G', 'users', 'wso2']]);
    const second = hashOf('second-Secret');
    await converge(userModule, { name: 'wso2', password: second, password_lock: true });
    assert.equal((await sh('getent', 'shadow', 'wso2')).split(':')[1], `!${second}`);
    assert.equal((await runTask(userModule, { name: 'wso2', password: hashOf('third'), update_password: 'on_create' }, conn)).status, 'ok');
    await converge(userModule, { name: 'wso2', password_lock: false });
    assert.equal((await sh('getent', 'shadow', 'wso2')).split(':')[1], second);
  });

  it('user: a missing home of an existing user is made again from the skeleton, owned by the user', async () => {
    await sh('rm', '-rf', '/opt/wso2/home');
    const o = await converge(userModule, { name: 'wso2' });
    assert.equal(o.status, 'changed');
    assert.equal(await sh('stat', '-c', '%U:%G %a', '/opt/wso2/home'), 'wso2:wso2 755');
    assert.equal(await sh('stat', '-c', '%U', '/opt/wso2/home/.profile'), 'wso2');
  });

  it('user: unknown groups and taken uids fail with a clear message before anything runs', async () => {
    assert.equal((await runTask(userModule, { name: 'x1', group: 'nosuchgroup' }, conn)).failed, 'Group nosuchgroup does not exist');
    assert.equal((await runTask(userModule, { name: 'x1', groups: ['adm', 'nope'] }, conn)).failed, 'Group nope does not exist');
    assert.match((await runTask(userModule, { name: 'x1', uid: 0 }, conn)).failed ?? '', /uid 0 is already used by user root/);
    assert.equal((await conn.exec(['getent', 'passwd', 'x1'])).exitCode, 2);
    const check = await runTask(userModule, { name: 'x1', group: 'nosuchgroup' }, conn, true);
    assert.equal(check.status, 'changed', 'check mode: an earlier task may create the group');
    assert.match(String(check.result.warning), /group nosuchgroup does not exist yet/);
  });

  it('user absent: userdel -r removes the home (and, USERGROUPS_ENAB, its own group)', async () => {
    const gone = await converge(userModule, { name: 'wso2', state: 'absent', remove: true });
    assert.deepEqual(gone.plan.changes.map((c) => c.kind === 'exec' && c.argv), [['userdel', '-r', 'wso2']]);
    assert.equal((await conn.exec(['getent', 'passwd', 'wso2'])).exitCode, 2);
    assert.equal((await conn.stat('/opt/wso2/home')).exists, false);
    const group = await converge(groupModule, { name: 'wso2', state: 'absent' });
    assert.deepEqual([group.status, group.plan.noopReason], ['ok', 'group wso2 does not exist']);
  });
});
