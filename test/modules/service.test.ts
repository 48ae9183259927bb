// service module: a real daemon script (use: script) and command splitting; nginx's init script is in test/lab/service-nginx.test.ts.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceModule } from '../../src/modules/service.js';
import { splitCommand } from '../../src/modules/service-managers.js';
import { LocalConnection } from '../../src/connection/local.js';
import { runModule } from './op-harness.js';

// start writes a pid file and backgrounds sleep with its stdio detached, like wso2server.sh start
const DAEMON = `#!/bin/sh
cd "$(dirname "$0")"
case "$1" in
  start) echo "start $JAVA_OPTS" >> calls.log; sleep 1000 </dev/null >/dev/null 2>&1 & echo $! > run.pid ;;
  stop) echo stop >> calls.log; [ -f run.pid ] && kill "$(cat run.pid)"; rm -f run.pid ;;
  status) [ -f run.pid ] && kill -0 "$(cat run.pid)" 2>/dev/null ;;
  *) exit 2 ;;
esac
`;

describe('service module', () => {
  describe('use: script on a real daemon script', () => {
    let dir: string;
    let base: Record<string, unknown>;
    const calls = async () => (await fs.readFile(path.join(dir, 'calls.log'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
    const isRunning = async () => (await new LocalConnection('h').exec(['sh', 'daemon.sh', 'status'], { cwd: dir })).exitCode === 0;

    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-service-'));
      await fs.writeFile(path.join(dir, 'daemon.sh'), DAEMON, { mode: 0o755 });
      base = {
        name: 'esb',
        use: 'script',
        chdir: dir,
        start: 'sh daemon.sh start',
        stop: ['sh', 'daemon.sh', 'stop'],
        status: 'sh daemon.sh status',
        env: { JAVA_OPTS: '-DworkerNode=true' },
      };
    });
    afterEach(async () => {
      await new LocalConnection('h').exec(['sh', 'daemon.sh', 'stop'], { cwd: dir });
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('starts a stopped service with chdir and env, then is a no-op', async () => {
      const first = await runModule(serviceModule, { ...base, state: 'started' });
      assert.equal(first.plan.changes.length, 1);
      assert.equal(first.result.was_running, false);
      assert.ok(await isRunning());
      assert.deepEqual(await calls(), ['start -DworkerNode=true']);
      const again = await runModule(serviceModule, { ...base, state: 'started' });
      assert.equal(again.plan.changes.length, 0);
      assert.match(again.plan.noopReason ?? '', /esb is already running/);
      assert.deepEqual(await calls(), ['start -DworkerNode=true']);
    });

    it('reads status in check mode but changes nothing', async () => {
      const r = await runModule(serviceModule, { ...base, state: 'started' }, { checkMode: true });
      assert.equal(r.plan.changes.length, 1);
      assert.equal(r.applied, 0);
      assert.equal(await isRunning(), false);
    });

    it('stops a running service, then stopped is a no-op', async () => {
      await runModule(serviceModule, { ...base, state: 'started' });
      const stop = await runModule(serviceModule, { ...base, state: 'stopped' });
      assert.equal(stop.plan.changes.length, 1);
      assert.equal(await isRunning(), false);
      const again = await runModule(serviceModule, { ...base, state: 'stopped' });
      assert.equal(again.plan.changes.length, 0);
      assert.match(again.plan.noopReason ?? '', /already stopped/);
    });

    it('restarted always acts: stop then start without a restart command', async () => {
      await runModule(serviceModule, { ...base, state: 'started' });
      const pid1 = await fs.readFile(path.join(dir, 'run.pid'), 'utf8');
      const r = await runModule(serviceModule, { ...base, state: 'restarted' });
      assert.deepEqual(
        r.plan.changes.map((c) => c.summary),
        ['stop esb (restart)', 'start esb (restart)'],
      );
      assert.notEqual(await fs.readFile(path.join(dir, 'run.pid'), 'utf8'), pid1);
      assert.deepEqual(await calls(), ['start -DworkerNode=true', 'stop', 'start -DworkerNode=true']);
    });

    it('restarted on a stopped service only starts it', async () => {
      const r = await runModule(serviceModule, { ...base, state: 'restarted' });
      assert.deepEqual(
        r.plan.changes.map((c) => c.summary),
        ['start esb (restart)'],
      );
      assert.ok(await isRunning());
    });

    it('pidfile instead of status: a live pid means running, a stale one means stopped', async () => {
      const args = { ...base, status: undefined, pidfile: 'run.pid' };
      assert.equal((await runModule(serviceModule, { ...args, state: 'started' })).plan.changes.length, 1);
      assert.equal((await runModule(serviceModule, { ...args, state: 'started' })).plan.changes.length, 0);
      await fs.writeFile(path.join(dir, 'run.pid'), '999999999\n');
      const stale = await runModule(serviceModule, { ...args, state: 'started' }, { checkMode: true });
      assert.equal(stale.plan.changes.length, 1);
    });

    it('fails clearly for what the script manager cannot do', async () => {
      const reload = await runModule(serviceModule, { ...base, state: 'started' });
      assert.equal(reload.plan.failed, undefined);
      const r1 = await runModule(serviceModule, { ...base, state: 'reloaded' });
      assert.match(r1.plan.failed ?? '', /no 'reload' command/);
      const r2 = await runModule(serviceModule, { ...base, enabled: true });
      assert.match(r2.plan.failed ?? '', /enabled is not supported with use: script/);
      const r3 = await runModule(serviceModule, { ...base, status: undefined, state: 'started' });
      assert.match(r3.plan.failed ?? '', /needs 'status' or 'pidfile'/);
      await assert.rejects(runModule(serviceModule, { name: 'x', use: 'script', state: 'started', stop: 'true' }), /start/);
    });
  });

  describe('splitCommand', () => {
    const cases: [string, string[]][] = [
      ['bin/wso2server.sh start', ['bin/wso2server.sh', 'start']],
      [`sh -c 'kill -0 $(cat x.pid)'`, ['sh', '-c', 'kill -0 $(cat x.pid)']],
      ['a "b c" d\\ e ""', ['a', 'b c', 'd e', '']],
      ['  "x\\"y"  ', ['x"y']],
    ];
    for (const [text, argv] of cases) it(`splits ${text}`, () => assert.deepEqual(splitCommand(text), argv));
    it('rejects an unbalanced quote', () => assert.throws(() => splitCommand("a 'b"), /unbalanced/));
  });
});
