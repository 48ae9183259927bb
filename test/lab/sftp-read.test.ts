// Whole-file reads over SFTP with their reads sent at once (sftp-read.ts), and readWithStat, on a real lab sshd.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import ssh2, { type Client, type SFTPWrapper } from 'ssh2';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { closeQuietly, openForRead, readOpened, readWhole } from '../../src/connection/sftp-read.js';

describe('lab: SFTP whole-file reads in two round trips', function () {
  this.timeout(60_000);
  let lab: Lab;
  let conn: SshConnection;
  let client: Client;
  let sftp: SFTPWrapper;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 1 });
    conn = await openSsh(lab.spec('lab1'));
    const spec = lab.spec('lab1');
    client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => client.on('ready', () => resolve()).on('error', reject)
      .connect({ host: spec.address, port: spec.port, username: 'root', privateKey: readFileSync(spec.privateKeyFile!) }));
    sftp = await new Promise<SFTPWrapper>((resolve, reject) => client.sftp((e, s) => (e ? reject(e) : resolve(s))));
  });
  after(async () => {
    client?.end();
    await conn?.close();
    await lab?.stop();
  });

  const sizes = [0, 1, 4095, 65_536, 65_537, 300_001];
  for (const size of sizes) {
    it(`reads ${size} bytes exactly (readWhole, readFile, readWithStat)`, async () => {
      const data = randomBytes(size);
      await conn.writeFile(`/opt/r${size}`, data);
      assert.deepEqual(await readWhole(sftp, `/opt/r${size}`), data);
      assert.deepEqual(await conn.readFile(`/opt/r${size}`), data);
      const both = await conn.readWithStat(`/opt/r${size}`);
      assert.deepEqual(both.content, data);
      assert.deepEqual(both.stat, await conn.stat(`/opt/r${size}`));
    });
  }

  it('a stale size (the file grew or shrank after the lstat) still gives the whole current file', async () => {
    for (const [before, after] of [[10, 70_000], [70_000, 10], [100, 100], [5, 0], [0, 5]] as const) {
      await conn.writeFile('/opt/changing', randomBytes(before));
      const now = randomBytes(after);
      const handle = await openForRead(sftp, '/opt/changing');
      assert.ok(handle);
      // rewrite in place through the open file's inode (the handle sees the new bytes)
      const r = await conn.exec(['sh', '-c', 'cat > /opt/changing'], { stdin: now });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.deepEqual(await readOpened(sftp, handle, before), now, `${before} -> ${after}`);
      closeQuietly(sftp, handle);
    }
  });

  it('missing files, directories and symlinks: readWithStat says what stat says, with no content', async () => {
    assert.deepEqual(await conn.readWithStat('/opt/none'), { stat: { exists: false }, content: null });
    assert.equal(await readWhole(sftp, '/opt/none'), null);
    assert.equal(await conn.readFile('/opt/none'), null);
    const dir = await conn.readWithStat('/opt');
    assert.deepEqual([dir.stat.type, dir.content], ['directory', null]);
    await conn.writeFile('/opt/target', Buffer.from('t'));
    assert.equal((await conn.exec(['ln', '-sfn', '/opt/target', '/opt/link'])).exitCode, 0);
    const link = await conn.readWithStat('/opt/link');
    assert.deepEqual([link.stat.type, link.stat.linkTarget, link.content], ['symlink', '/opt/target', null]);
  });

  it('a file the login user cannot read fails with the reason, as readFile does', async () => {
    const deploy = await openSsh(lab.spec('lab1', { user: 'deploy' }));
    try {
      await conn.writeFile('/opt/secret-file', Buffer.from('s'), { mode: 0o600 });
      await assert.rejects(deploy.readWithStat('/opt/secret-file'), /cannot read \/opt\/secret-file: Permission denied/);
      await assert.rejects(deploy.readFile('/opt/secret-file'), /cannot read \/opt\/secret-file: Permission denied/);
    } finally {
      await deploy.close();
    }
  });

  it('many reads at once on one channel', async () => {
    const files = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const data = randomBytes(1000 * i);
      await conn.writeFile(`/opt/many${i}`, data);
      return data;
    }));
    const got = await Promise.all(files.map((_, i) => conn.readWithStat(`/opt/many${i}`)));
    got.forEach((g, i) => assert.deepEqual(g.content, files[i]));
  });
});
