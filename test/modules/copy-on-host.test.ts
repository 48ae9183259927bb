// copy remote_src of a big file: copied on the host when it differs (mode, owner, atomic rename), planned the same in check mode; small files read as before.

import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalConnection } from '../../src/connection/local.js';
import { copyModule } from '../../src/modules/copy.js';
import { HOST_COPY_MIN_BYTES } from '../../src/modules/copy-on-host.js';
import { diffText } from '../../src/report/diff-text.js';
import type { ResultDiff } from '../../src/report/events.js';
import { runTask } from './plan-apply.js';

describe('copy remote_src on the host', () => {
  let dir: string;
  let big: Buffer;
  const conn = new LocalConnection('local');
  beforeEach(async () => {
    dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-copyhost-')));
    // binary (NUL bytes) and just above the size from which the controller no longer reads it
    big = Buffer.concat([Buffer.alloc(16), randomBytes(HOST_COPY_MIN_BYTES)]);
    await fs.writeFile(path.join(dir, 'driver.jar'), big);
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const args = (extra: Record<string, unknown> = {}) => ({
    src: path.join(dir, 'driver.jar'),
    dest: path.join(dir, 'lib', 'driver.jar'),
    remote_src: true,
    ...extra,
  });
  const tempsLeft = async () => (await fs.readdir(path.join(dir, 'lib'))).filter((n) => n.includes('.esbplay-'));

  it('creates a missing destination with the source bytes, 0644, and is a no-op afterwards', async () => {
    await fs.mkdir(path.join(dir, 'lib'));
    const first = await runTask(copyModule, args(), conn);
    assert.equal(first.status, 'changed');
    assert.deepEqual(
      first.plan.changes.map((c) => c.kind),
      ['custom'],
      'copied on the host, not written from the controller',
    );
    assert.equal(first.result.msg, 'file created');
    const dest = path.join(dir, 'lib', 'driver.jar');
    assert.ok((await fs.readFile(dest)).equals(big));
    assert.equal((await fs.stat(dest)).mode & 0o7777, 0o644);
    assert.deepEqual(await tempsLeft(), []);
    const again = await runTask(copyModule, args(), conn);
    assert.equal(again.status, 'ok');
    assert.match(again.plan.noopReason ?? '', /already has this content/);
  });

  it('replaces a differing destination keeping its mode, or setting the one asked for', async () => {
    await fs.mkdir(path.join(dir, 'lib'));
    const dest = path.join(dir, 'lib', 'driver.jar');
    await fs.writeFile(dest, 'old jar\n');
    await fs.chmod(dest, 0o640);
    const kept = await runTask(copyModule, args(), conn);
    assert.equal(kept.status, 'changed');
    assert.equal(kept.result.msg, 'content changed');
    assert.ok((await fs.readFile(dest)).equals(big));
    assert.equal((await fs.stat(dest)).mode & 0o7777, 0o640);
    await fs.writeFile(dest, 'old again\n');
    const asked = await runTask(copyModule, args({ mode: '0600', owner: String(process.getuid!()) }), conn);
    assert.equal(asked.status, 'changed');
    assert.ok((await fs.readFile(dest)).equals(big));
    assert.equal((await fs.stat(dest)).mode & 0o7777, 0o600);
    assert.deepEqual(await tempsLeft(), []);
  });

  it('--diff shows the headers and that the content is not diffed', async () => {
    await fs.mkdir(path.join(dir, 'lib'));
    await fs.writeFile(path.join(dir, 'lib', 'driver.jar'), 'old\n');
    const out = await runTask(copyModule, args(), conn);
    const change = out.plan.changes[0]!;
    assert.equal(change.kind, 'custom');
    const text = diffText((change as { diff: ResultDiff }).diff);
    const dest = path.join(dir, 'lib', 'driver.jar');
    assert.equal(
      text,
      `--- before: ${dest}\n+++ after: ${dest}\ndiff skipped: content larger than 104448 characters (4 -> ${big.length} bytes, copied on the host)\n`,
    );
  });

  it('check mode plans the very change a run makes (same diff), writes nothing, and says what it leaves', async () => {
    await fs.mkdir(path.join(dir, 'lib'));
    const out = await runTask(copyModule, args(), conn, true);
    assert.equal(out.status, 'changed');
    const change = out.plan.changes[0]!;
    assert.equal(change.kind, 'custom');
    assert.ok(change.kind === 'custom' && change.leavesCopy);
    assert.deepEqual(
      { ...change.leavesCopy, owner: undefined, group: undefined },
      { path: path.join(dir, 'lib', 'driver.jar'), of: path.join(dir, 'driver.jar'), size: big.length, mode: 0o644, owner: undefined, group: undefined },
    );
    assert.match(diffText(change.diff as ResultDiff), /copied on the host/);
    assert.deepEqual(await fs.readdir(path.join(dir, 'lib')), []);
  });

  it('a small source, backup, a symlink at dest or a missing parent directory take the usual paths', async () => {
    await fs.writeFile(path.join(dir, 'small.conf'), 'a=1\n');
    await fs.mkdir(path.join(dir, 'lib'));
    const small = await runTask(
      copyModule,
      { src: path.join(dir, 'small.conf'), dest: path.join(dir, 'lib', 'small.conf'), remote_src: true },
      conn,
    );
    assert.deepEqual(
      small.plan.changes.map((c) => c.kind),
      ['file'],
    );
    await fs.writeFile(path.join(dir, 'lib', 'driver.jar'), 'old\n');
    const backup = await runTask(copyModule, args({ backup: true }), conn);
    assert.deepEqual(
      backup.plan.changes.map((c) => c.kind),
      ['file'],
    );
    assert.ok(typeof backup.result.backup_file === 'string');
    await fs.symlink('elsewhere.jar', path.join(dir, 'lib', 'link.jar'));
    const link = await runTask(copyModule, args({ dest: path.join(dir, 'lib', 'link.jar') }), conn);
    assert.deepEqual(
      link.plan.changes.map((c) => c.kind),
      ['file'],
      'a symlink at dest is written as before',
    );
    const missing = await runTask(copyModule, args({ dest: path.join(dir, 'nope', 'driver.jar') }), conn);
    assert.equal(missing.status, 'failed');
    assert.match(missing.failed ?? '', /Destination directory .*nope does not exist/);
  });

  it('force: false leaves an existing destination alone; a directory destination gets the file inside', async () => {
    await fs.mkdir(path.join(dir, 'lib'));
    await fs.writeFile(path.join(dir, 'lib', 'driver.jar'), 'old\n');
    const kept = await runTask(copyModule, args({ force: false }), conn);
    assert.equal(kept.status, 'ok');
    assert.equal(await fs.readFile(path.join(dir, 'lib', 'driver.jar'), 'utf8'), 'old\n');
    await fs.mkdir(path.join(dir, 'out'));
    const into = await runTask(copyModule, args({ dest: path.join(dir, 'out') }), conn);
    assert.equal(into.status, 'changed');
    assert.ok((await fs.readFile(path.join(dir, 'out', 'driver.jar'))).equals(big));
  });
});
