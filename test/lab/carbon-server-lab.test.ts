// carbon_server over ssh on a lab host, as the non-root service user (become_user app): the stand-in started, restarted, stopped.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import type { Become } from '../../src/connection/types.js';
import { validateArgs } from '../../src/modules/args.js';
import { carbonServerModule, type CarbonServerArgs } from '../../src/modules/carbon-server.js';
import { requireLab } from './lab-prereq.js';
import { startLab, type Lab } from './lab.js';
import { configureNode, FAST, standinArchives } from '../standin/standin-node.js';
import { makeReadContext } from '../modules/op-harness.js';

const run = promisify(execFile);
const APP_UID = 1502;

/** validate -> gather -> plan -> apply with the task's become, as the executor runs a task. */
async function runAs(conn: SshConnection, become: Become, raw: Record<string, unknown>): Promise<Record<string, unknown>> {
  const args = validateArgs(carbonServerModule, raw) as unknown as CarbonServerArgs;
  const ctx = { ...makeReadContext(conn, {}, []), become };
  const plan = carbonServerModule.plan(args, await carbonServerModule.gather(ctx, args), { host: conn.host, checkMode: false, vars: {} });
  if (plan.failed) throw new Error(plan.failed);
  const result: Record<string, unknown> = { ...plan.result, changed: plan.changes.length > 0 };
  for (const c of plan.changes) if (c.kind === 'custom') Object.assign(result, await c.apply({ host: conn.host, conn, become }));
  return result;
}

describe('lab: carbon_server over ssh as a service user', function () {
  this.timeout(120_000);
  let lab: Lab;
  let conn: SshConnection;
  const home = '/opt/wso2esb-4.9.0';
  const become: Become = { user: 'app' };
  let base: Record<string, unknown>;
  const ps = async (pid: unknown) => (await conn.exec(['ps', '-o', 'user=,args=', '-p', String(pid)])).stdout.trim();

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 1, namePrefix: 'esb' });
    const h = lab.host('esb1');
    const a = await standinArchives();
    const opt = path.join(h.root, 'opt');
    await run('tar', ['-xzf', a.tarGz['4.9.0'], '-C', opt]);
    await run('tar', ['-xzf', a.jdk, '-C', opt]);
    await configureNode(path.join(opt, 'wso2esb-4.9.0'), { address: h.address });
    await run('chown', ['-R', `${APP_UID}:${APP_UID}`, path.join(opt, 'wso2esb-4.9.0')]);
    conn = await openSsh(lab.spec('esb1'));
    base = { home, java_home: '/opt/standin-jdk1.8.0', env: { JAVA_OPTS: FAST }, timeout: 60, args: ['-DworkerNode=true'] };
  });
  after(async () => {
    await conn?.close();
    await lab?.stop(); // the host's pid namespace goes, and every server in it
  });

  it('started runs the server as the service user and waits until its port answers on the host\'s address; again is ok', async () => {
    const first = await runAs(conn, become, { ...base, state: 'started' });
    assert.equal(first.changed, true);
    assert.match(await ps(first.pid), /^app\s+\/opt\/standin-jdk1\.8\.0\/bin\/java .*Bootstrap -DworkerNode=true$/);
    const again = await runAs(conn, become, { ...base, state: 'started' });
    assert.equal(again.changed, false);
    assert.equal(again.pid, first.pid);
    const log = (await conn.readFile(`${home}/repository/logs/wso2carbon.log`))!.toString();
    assert.match(log, new RegExp(`Pass-through HTTP Listener started on ${lab.host('esb1').address.replace(/\./g, '\\.')}:8280`));
    assert.equal((await fs.stat(path.join(lab.host('esb1').root, 'opt/wso2esb-4.9.0/repository/logs/wso2carbon.log'))).uid, APP_UID);
  });

  it('restarted gives a new pid once the old one is gone; stopped leaves nothing running', async () => {
    const before = await runAs(conn, become, { ...base, state: 'started' });
    const r = await runAs(conn, become, { ...base, state: 'restarted' });
    assert.equal(r.previous_pid, before.pid);
    assert.notEqual(r.pid, before.pid);
    assert.equal(await ps(before.pid), '');
    assert.match(await ps(r.pid), /^app /);
    const s = await runAs(conn, become, { ...base, state: 'stopped' });
    assert.equal(s.changed, true);
    assert.equal(await ps(r.pid), '');
  });
});
