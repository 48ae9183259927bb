// The system modules as a plain ssh user with become (sudo): what needs root says so without it, and works with it.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import type { Become } from '../../src/connection/types.js';
import { aptModule } from '../../src/modules/apt.js';
import { groupModule } from '../../src/modules/group.js';
import { iniFileModule } from '../../src/modules/ini-file.js';
import { statModule } from '../../src/modules/stat.js';
import type { ModuleDefinition } from '../../src/modules/types.js';
import { userModule } from '../../src/modules/user.js';
import { requireLab } from './lab-prereq.js';
import { ensureTools } from '../modules/op-harness.js';
import { runTask } from '../modules/plan-apply.js';
import { buildDeb, startSysHost, SUDOER, type SysHost } from './sys-host.js';

const CNF = '/etc/mysql/mariadb.conf.d/50-server.cnf';
const root: Become = { user: 'root' };

describe('system modules as a plain user with become', function () {
  this.timeout(300_000);
  let host: SysHost;
  let conn: SshConnection;
  /** check mode, run and rerun, all with become */
  const converge = async (def: ModuleDefinition, args: Record<string, unknown>) => {
    assert.equal((await runTask(def, args, conn, true, root)).status, 'changed', 'check mode predicts a change');
    const run = await runTask(def, args, conn, false, root);
    assert.deepEqual([run.status, run.failed], ['changed', undefined]);
    assert.equal((await runTask(def, args, conn, false, root)).status, 'ok', 'second run');
  };

  before(async function () {
    requireLab(this);
    if (!ensureTools({ 'dpkg-scanpackages': 'dpkg-dev' })) this.skip();
    host = await startSysHost('becomehost');
    await buildDeb(host.repo, 'esbplay-demo', '1.0');
    await host.indexRepo();
    conn = await openSsh(host.spec(SUDOER));
  });
  after(async () => {
    await conn?.close();
    await host?.stop();
  });

  it('stat: /etc/shadow is not readable for the user, readable as root', async () => {
    const mine = (await runTask(statModule, { path: '/etc/shadow' }, conn)).result.stat as Record<string, unknown>;
    assert.deepEqual([mine.exists, mine.readable, mine.checksum], [true, false, undefined]);
    const asRoot = (await runTask(statModule, { path: '/etc/shadow' }, conn, false, root)).result.stat as Record<string, unknown>;
    assert.equal(asRoot.readable, true);
    assert.match(String(asRoot.checksum), /^[0-9a-f]{40}$/);
  });

  it('without become: apt and useradd fail with their own message, a password compare says it needs root', async () => {
    await assert.rejects(runTask(aptModule, { name: 'esbplay-demo', update_cache: true }, conn), /Failed to update apt cache on becomehost: .*Permission denied.*\(apt needs root: become: true\)/);
    const user = await runTask(userModule, { name: 'svc' }, conn);
    assert.match(user.failed ?? '', /useradd|Permission denied|cannot lock/);
    await assert.rejects(runTask(userModule, { name: 'root', password: '$6$x$y' }, conn), /cannot read \/etc\/shadow .*become: true/);
  });

  it('with become: apt, group, user (with a password) and ini_file converge', async () => {
    await converge(aptModule, { name: 'esbplay-demo', update_cache: true, cache_valid_time: 3600 });
    await converge(groupModule, { name: 'svc', system: true });
    const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: 'become-Secret\n', encoding: 'utf8' }).trim();
    await converge(userModule, { name: 'svc', group: 'svc', system: true, home: '/opt/svc', password: hash });
    await converge(iniFileModule, { path: CNF, section: 'mysqld', option: 'bind-address', value: '0.0.0.0' });
    const r = await conn.exec(['sudo', '-n', 'sh', '-c', `getent shadow svc; stat -c '%U %a' ${CNF}; grep -c bind-address ${CNF}`]);
    assert.ok(r.stdout.startsWith(`svc:${hash}:`), 'the hash is set');
    assert.ok(r.stdout.endsWith('\nroot 644\n1\n'), `the edited file keeps owner and mode: ${r.stdout}`);
  });
});
