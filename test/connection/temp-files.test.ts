// Temp files beside targets: named by their owner, stale ones (a killed run's) removed by the next write into that directory, live ones kept.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalConnection } from '../../src/connection/local.js';
import { FOREIGN_STALE_MS, isStaleTemp, isTempName, tempPathFor } from '../../src/connection/temp-files.js';

/** A pid that surely is not running: a child that already exited. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

describe('temp files of atomic writes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-temps-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names say which controller process owns them; this process\'s own are never stale', () => {
    const name = path.basename(tempPathFor('/etc/app.conf'));
    assert.match(name, /^\.app\.conf\.esbplay-[0-9a-f]{28}\.tmp$/);
    assert.ok(isTempName(name));
    assert.equal(isStaleTemp(name, 0), false, 'made by this very process');
    const dead = name.replace(/esbplay-([0-9a-f]{8})[0-9a-f]{8}/, (_, tag: string) => `esbplay-${tag}${deadPid().toString(16).padStart(8, '0')}`);
    assert.equal(isStaleTemp(dead, Date.now()), true, 'made by a process of this machine that is gone');
    const foreign = '.app.conf.esbplay-00000000000000010123456789ab.tmp';
    assert.equal(isStaleTemp(foreign, Date.now()), false, 'another controller, fresh');
    assert.equal(isStaleTemp(foreign, Date.now() - FOREIGN_STALE_MS - 1000), true, 'another controller, an hour old');
    assert.equal(isStaleTemp('.esbplay.AbC12345', Date.now() - FOREIGN_STALE_MS - 1000), true, 'the old exec script name');
    assert.equal(isStaleTemp('app.conf', 0), false);
  });

  it('the first write into a directory removes what killed runs left there, and only that', async () => {
    const own = path.basename(tempPathFor(path.join(dir, 'a.conf')));
    const dead = own.replace(/esbplay-([0-9a-f]{8})[0-9a-f]{8}/, (_, tag: string) => `esbplay-${tag}${deadPid().toString(16).padStart(8, '0')}`);
    const live = own; // this process: a write in flight
    const foreignFresh = '.b.conf.esbplay-00000000000000010123456789ab.tmp';
    const foreignOld = '.c.conf.esbplay-00000000000000020123456789ab.tmp';
    for (const n of [dead, live, foreignFresh, foreignOld, '.esbplay.Xy12Ab34']) writeFileSync(path.join(dir, n), 'partial');
    const old = new Date(Date.now() - FOREIGN_STALE_MS - 60_000);
    utimesSync(path.join(dir, foreignOld), old, old);
    utimesSync(path.join(dir, '.esbplay.Xy12Ab34'), old, old);
    await new LocalConnection('h').writeFile(path.join(dir, 'target.conf'), Buffer.from('x\n'));
    assert.deepEqual(readdirSync(dir).sort(), [foreignFresh, live, 'target.conf'].sort());
    assert.ok(existsSync(path.join(dir, live)));
  });

  it('an interrupted connection abandons a write before the rename and starts no command', async () => {
    const conn = new LocalConnection('h');
    writeFileSync(path.join(dir, 'keep.conf'), 'old\n');
    await conn.interrupt();
    await assert.rejects(conn.writeFile(path.join(dir, 'keep.conf'), Buffer.from('new\n')), /interrupted before .*keep\.conf was replaced: it keeps its old content/);
    const r = await conn.exec(['touch', path.join(dir, 'touched')]);
    assert.equal(r.exitCode, null);
    assert.deepEqual(readdirSync(dir), ['keep.conf']);
  });
});
