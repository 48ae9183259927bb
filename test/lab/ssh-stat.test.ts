// stat over SFTP on a real lab host: same answers as stat(1) over exec, names from the host's user database, become fallback.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { statViaExec } from '../../src/connection/exec-files.js';

describe('lab: stat over SFTP', function () {
  this.timeout(60_000);
  let lab: Lab;
  let root: SshConnection;
  let viaExec: SshConnection;
  let hostRoot: string;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 1 });
    root = await openSsh(lab.spec('lab1'));
    viaExec = await openSsh(lab.spec('lab1'), { fileTransfer: 'exec' });
    hostRoot = lab.host('lab1').root;
  });
  after(async () => {
    await root?.close();
    await viaExec?.close();
    await lab?.stop();
  });

  it('gives the same FileStat as stat(1) for files, setuid modes, dirs, symlinks, missing paths and paths through a file', async () => {
    const script = [
      'set -e', 'mkdir -p "/opt/st dir/sub"', 'printf abc > "$1"', 'chown deploy:app "$1"',
      'chmod 4750 "$1"', ': > /opt/st-empty', 'ln -sfn "$1" "/opt/st link"', 'mkfifo /opt/st-fifo',
    ].join('\n');
    const r = await root.exec(['sh', '-c', script, 'sh', '/opt/st dir/f $x.txt']);
    assert.equal(r.exitCode, 0, r.stderr);
    const paths = ['/opt/st dir/f $x.txt', '/opt/st dir', '/opt/st dir/sub', '/opt/st-empty', '/opt/st link', '/opt/st-fifo',
      '/opt/nothing-here', '/opt/st-empty/below', '/opt', '/etc/hosts'];
    for (const p of paths) {
      const sftp = await root.stat(p);
      const exec = await statViaExec(viaExec, p);
      assert.deepEqual(sftp, exec, p);
    }
    const f = await root.stat('/opt/st dir/f $x.txt');
    assert.deepEqual([f.type, f.mode, f.owner, f.group, f.size], ['file', 0o4750, 'deploy', 'app', 3]);
    const l = await root.stat('/opt/st link');
    assert.deepEqual([l.type, l.linkTarget], ['symlink', '/opt/st dir/f $x.txt']);
    assert.equal((await root.stat('/opt/st-fifo')).type, 'other');
  });

  it('names a user added by a command over the same connection (the cached user database is re-read after exec)', async () => {
    await root.writeFile('/opt/svc-owned', Buffer.from('x'));
    assert.equal((await root.stat('/opt/svc-owned')).owner, 'root'); // loads the cache
    const add = 'echo "svcuser:x:1600:1600::/opt:/bin/sh" >> /etc/passwd && echo "svcgrp:x:1600:" >> /etc/group && chown 1600:1600 /opt/svc-owned';
    assert.equal((await root.exec(['sh', '-c', add])).exitCode, 0);
    const st = await root.stat('/opt/svc-owned');
    assert.deepEqual([st.uid, st.owner, st.gid, st.group], [1600, 'svcuser', 1600, 'svcgrp']);
    // a rename keeps the id, so only the invalidation after exec (not the re-read on a miss) can show it
    const rename = 'sed "s/^svcuser:/svcrenamed:/" /etc/passwd > /opt/passwd.new && cat /opt/passwd.new > /etc/passwd && rm /opt/passwd.new';
    assert.equal((await root.exec(['sh', '-c', rename])).exitCode, 0);
    assert.equal((await root.stat('/opt/svc-owned')).owner, 'svcrenamed');
  });

  it('re-reads the database when an id is unknown (a user added behind its back), and leaves unnamed ids unnamed', async () => {
    await root.writeFile('/opt/late-owned', Buffer.from('x'));
    assert.equal((await root.stat('/opt/late-owned')).owner, 'root');
    // changed on the machine directly, not through this connection
    await fs.appendFile(path.join(hostRoot, 'passwd'), 'lateuser:x:1700:1700::/opt:/bin/sh\n');
    await fs.appendFile(path.join(hostRoot, 'group'), 'lategrp:x:1700:\n');
    await fs.chown(path.join(hostRoot, 'opt', 'late-owned'), 1700, 1700);
    const st = await root.stat('/opt/late-owned');
    assert.deepEqual([st.owner, st.group], ['lateuser', 'lategrp']);
    await fs.chown(path.join(hostRoot, 'opt', 'late-owned'), 4242, 4343);
    const unnamed = await root.stat('/opt/late-owned');
    assert.deepEqual([unnamed.uid, unnamed.owner, unnamed.gid, unnamed.group], [4242, undefined, 4343, undefined]);
    assert.deepEqual(unnamed, await statViaExec(viaExec, '/opt/late-owned'));
  });

  it('with become, a path the login user may not see is stat-ed with sudo; without become it looks missing, as stat(1) says', async () => {
    const r = await root.exec(['sh', '-c', 'mkdir -p /opt/private && chmod 700 /opt/private && printf secret > /opt/private/key && chmod 600 /opt/private/key']);
    assert.equal(r.exitCode, 0, r.stderr);
    const ops = await openSsh(lab.spec('lab1', { user: 'ops' }));
    try {
      const st = await ops.stat('/opt/private/key', { become: {} });
      assert.deepEqual([st.exists, st.owner, st.mode, st.size], [true, 'root', 0o600, 6]);
      assert.deepEqual(await ops.stat('/opt/private/key'), await statViaExec(ops, '/opt/private/key'));
      assert.equal((await ops.stat('/opt/private/key')).exists, false);
      // a readable path needs no sudo and gives the same answer with or without become
      assert.deepEqual(await ops.stat('/opt/lab-host', { become: {} }), await ops.stat('/opt/lab-host'));
    } finally {
      await ops.close();
    }
  });
});
