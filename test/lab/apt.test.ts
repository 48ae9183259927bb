// apt and package: real dpkg/apt on an ssh host with its own dpkg database and a file:// repository of tiny .debs.

import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { LocalConnection } from '../../src/connection/local.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { aptModule } from '../../src/modules/apt.js';
import { packageModule } from '../../src/modules/package.js';
import type { ModuleDefinition } from '../../src/modules/types.js';
import { requireLab } from './lab-prereq.js';
import { ensureTools, hasTool } from '../modules/op-harness.js';
import { runTask, type Outcome } from '../modules/plan-apply.js';
import { buildDeb, startSysHost, type SysHost } from './sys-host.js';

const argvOf = (o: Outcome) => o.plan.changes.map((c) => (c.kind === 'exec' ? c.argv.slice(c.argv.indexOf('apt-get')) : []));

describe('apt and package on this machine: packages it really has', () => {
  it('nginx and openssl (any version, a glob pin, a >= pin) are ok with no change; an unknown package fails clearly', async function () {
    if (!hasTool('dpkg-query')) this.skip();
    const conn = new LocalConnection('local');
    const had = execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version}\\n', 'openssl'], { encoding: 'utf8' }).trim();
    const version = had.split(' ')[1]!;
    for (const [def, args] of [
      [aptModule, { name: ['openssl'] }],
      [aptModule, { name: [`openssl=${version.slice(0, 3)}*`, 'openssl>=1.0'] }],
      [packageModule, { name: 'openssl' }],
    ] as const) {
      const o = await runTask(def as ModuleDefinition, args, conn);
      assert.equal(o.status, 'ok', JSON.stringify(args));
      assert.match(o.plan.noopReason ?? '', new RegExp(`already installed: openssl=${version.replace(/[.+~]/g, '\\$&')}`));
    }
    if (hasTool('nginx')) assert.equal((await runTask(aptModule, { name: 'nginx' }, conn)).status, 'ok');
    const unknown = await runTask(aptModule, { name: ['esbplay-no-such-package'] }, conn);
    assert.equal(unknown.failed, "No package matching 'esbplay-no-such-package' is available");
  });
});

describe('apt and package on an ssh host with its own dpkg database', function () {
  this.timeout(300_000);
  let host: SysHost;
  let conn: SshConnection;
  const onHost = async (...argv: string[]) => (await conn.exec(argv)).stdout.trim();
  const dpkgStatus = () => onHost('sh', '-c', "dpkg-query -W -f '${Package} ${db:Status-Status} ${Version}\\n' 'esbplay-*' 2>/dev/null || true");
  /** check mode (dpkg untouched, same argv), the run, then a second run that must be ok */
  const converge = async (def: ModuleDefinition, args: Record<string, unknown>): Promise<Outcome> => {
    const before = await dpkgStatus();
    const check = await runTask(def, args, conn, true);
    assert.equal(await dpkgStatus(), before, 'check mode changed no package');
    const real = await runTask(def, args, conn);
    assert.equal(real.failed, undefined);
    assert.deepEqual(argvOf(real), argvOf(check), 'check mode predicted the commands');
    assert.equal(real.status, check.status, 'check mode predicted changed/ok');
    const again = await runTask(def, args, conn);
    assert.equal(again.status, 'ok', `second run: ${JSON.stringify(argvOf(again))}`);
    return real;
  };

  before(async function () {
    requireLab(this);
    if (!ensureTools({ 'dpkg-scanpackages': 'dpkg-dev', 'dpkg-deb': 'dpkg' })) this.skip();
    host = await startSysHost('pkghost');
    await buildDeb(host.repo, 'esbplay-demo', '1.0');
    await buildDeb(host.repo, 'esbplay-demo', '1.1');
    await buildDeb(host.repo, 'esbplay-other', '2.0-1');
    await host.indexRepo();
    await buildDeb(host.dir, 'esbplay-local', '3.0');
    conn = await openSsh(host.spec());
  });
  after(async () => {
    await conn?.close();
    await host?.stop();
  });

  it('update_cache alone: check mode says it would, a run updates the lists, cache_valid_time then skips', async () => {
    const check = await runTask(aptModule, { update_cache: true }, conn, true);
    assert.deepEqual([check.status, check.result.cache_updated], ['changed', true]);
    assert.doesNotMatch(await onHost('ls', '/var/lib/apt/lists'), /_Packages/, 'check mode fetched nothing');
    const run = await runTask(aptModule, { update_cache: true }, conn);
    assert.deepEqual([run.status, run.result.cache_updated], ['changed', true]);
    assert.match(await onHost('ls', '/var/lib/apt/lists'), /_Packages/);
    const fresh = await runTask(aptModule, { update_cache: true, cache_valid_time: 3600 }, conn);
    assert.deepEqual([fresh.status, fresh.result.cache_updated], ['ok', false]);
  });

  it('present: installs only what dpkg lacks, pinned; an older installed version satisfies an unpinned name', async () => {
    const o = await converge(aptModule, { name: ['esbplay-demo=1.0'], update_cache: true, cache_valid_time: 3600 });
    assert.equal(o.status, 'changed');
    assert.deepEqual(argvOf(o), [['apt-get', 'install', '-y', '-q', '-o', 'DPkg::Lock::Timeout=60', '-o', 'Dpkg::Options::=--force-confdef',
      '-o', 'Dpkg::Options::=--force-confold', '--no-install-recommends', 'esbplay-demo=1.0']]);
    assert.deepEqual(o.result.installed, ['esbplay-demo=1.0']);
    assert.equal(await onHost('cat', '/opt/esbplay-test-esbplay-demo/VERSION'), '1.0');
    const both = await converge(aptModule, { name: ['esbplay-demo', 'esbplay-other'] });
    assert.deepEqual(both.result.installed, ['esbplay-other=2.0-1'], 'only the missing one');
    assert.match(await dpkgStatus(), /esbplay-demo installed 1\.0\nesbplay-other installed 2\.0-1/);
  });

  it('latest upgrades to the candidate; a pin to an older version needs allow_downgrade', async () => {
    const up = await converge(aptModule, { name: 'esbplay-demo', state: 'latest' });
    assert.deepEqual([up.result.upgraded, up.result.installed], [['esbplay-demo=1.1'], []]);
    assert.equal(await onHost('cat', '/opt/esbplay-test-esbplay-demo/VERSION'), '1.1');
    const refused = await runTask(aptModule, { name: 'esbplay-demo=1.0' }, conn);
    assert.equal(refused.failed, 'installing esbplay-demo=1.0 would downgrade it from 1.1 (set allow_downgrade: true)');
    const down = await converge(aptModule, { name: 'esbplay-demo=1.0', allow_downgrade: true });
    assert.ok(argvOf(down)[0]!.includes('--allow-downgrades'));
    assert.equal(await onHost('cat', '/opt/esbplay-test-esbplay-demo/VERSION'), '1.0');
    assert.equal((await runTask(aptModule, { name: 'esbplay-demo=1.*', state: 'latest' }, conn)).failed, 'version number inconsistent with state=latest: esbplay-demo=1.*');
  });

  it('unknown packages and versions fail before apt-get runs, naming what apt has', async () => {
    assert.equal((await runTask(aptModule, { name: ['esbplay-demo', 'esbplay-nope'] }, conn)).failed, "No package matching 'esbplay-nope' is available");
    assert.equal((await runTask(aptModule, { name: 'esbplay-other=9' }, conn)).failed, "No version of 'esbplay-other' matching '9' is available (apt has: 2.0-1)");
    assert.match((await runTask(aptModule, { name: 'bad name!' }, conn)).failed ?? '', /invalid package/);
    await onHost('touch', '-d', '2 days ago', '/var/lib/apt/lists');
    const check = await runTask(aptModule, { name: 'esbplay-nope', update_cache: true, cache_valid_time: 3600 }, conn, true);
    assert.equal(check.status, 'changed', 'check mode on old lists: the update may bring the package');
    assert.match(String(check.result.warning), /not in the current package lists \(a run updates them first\): esbplay-nope/);
    const real = await runTask(aptModule, { name: 'esbplay-nope', update_cache: true, cache_valid_time: 3600 }, conn);
    assert.deepEqual([real.failed, real.result.cache_updated], ["No package matching 'esbplay-nope' is available", true]);
  });

  it('deb: a .deb file on the host is installed once; a missing file fails clearly', async () => {
    const deb = `${host.dir}/esbplay-local_3.0_all.deb`;
    const o = await converge(aptModule, { deb });
    assert.deepEqual([argvOf(o)[0]!.at(-1), o.result.installed], [deb, ['esbplay-local=3.0']]);
    assert.equal(await onHost('cat', '/opt/esbplay-test-esbplay-local/VERSION'), '3.0');
    assert.equal((await runTask(aptModule, { deb: '/opt/missing.deb' }, conn)).failed, 'deb file /opt/missing.deb does not exist on pkghost');
  });

  it('waits for the dpkg lock another process holds (bounded by lock_timeout) and says so when it gives up', async () => {
    const hold = (seconds: number) => conn.exec(['python3', '-c', `import fcntl,time,sys; f=open('/var/lib/dpkg/lock-frontend','w'); fcntl.lockf(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(${seconds})`]);
    const holder = hold(3);
    await new Promise((r) => setTimeout(r, 700));
    const gaveUp = await runTask(aptModule, { name: 'esbplay-demo', state: 'absent', lock_timeout: 1 }, conn);
    assert.match(gaveUp.failed ?? '', /waits up to 1 s for the dpkg lock.*(dpkg frontend lock|Could not get lock)/);
    const waited = await runTask(aptModule, { name: 'esbplay-demo', state: 'absent', lock_timeout: 30 }, conn);
    assert.equal(waited.status, 'changed', waited.failed);
    await holder;
    assert.doesNotMatch(await dpkgStatus(), /esbplay-demo installed/);
  });

  it('absent removes (purge too) only what is installed; package drives apt', async () => {
    const o = await converge(packageModule, { name: ['esbplay-other', 'esbplay-demo'], state: 'absent' });
    assert.deepEqual([o.result.removed, argvOf(o)], [['esbplay-other'], [['apt-get', 'remove', '-y', '-q', '-o', 'DPkg::Lock::Timeout=60', 'esbplay-other']]]);
    const p = await converge(aptModule, { name: 'esbplay-local', state: 'absent', purge: true });
    assert.ok(argvOf(p)[0]!.includes('--purge'));
    assert.equal(await dpkgStatus(), '');
    assert.equal((await converge(packageModule, { name: 'esbplay-demo' })).status, 'changed');
  });

  after(async () => {
    // this machine's own dpkg database never saw the test packages
    const mine = await promisify(execFile)('dpkg-query', ['-W', 'esbplay-*']).then(() => 'found', () => 'none');
    assert.equal(mine, 'none');
  });
});
