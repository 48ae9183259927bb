// exec, files, become, auth, timeouts and connectTcp over real ssh to lab hosts.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { UnreachableError } from '../../src/errors.js';
import { Secret } from '../../src/vars/secret.js';

describe('lab: ssh transport basics', function () {
  this.timeout(60_000);
  let lab: Lab;
  let root: SshConnection;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 2 });
    root = await openSsh(lab.spec('lab1'));
  });
  after(async () => {
    await root?.close();
    await lab?.stop();
  });

  it('runs argv with stdin, env and cwd, and reports exit codes and stderr', async () => {
    const r = await root.exec(['sh', '-c', 'pwd; echo "$GREETING"; cat; echo oops >&2; exit 3'], {
      stdin: 'from stdin\n', env: { GREETING: 'hi there' }, cwd: '/opt',
    });
    assert.equal(r.exitCode, 3);
    assert.equal(r.stdout, '/opt\nhi there\nfrom stdin\n');
    assert.equal(r.stderr, 'oops\n');
    assert.equal(r.timedOut, false);
    assert.deepEqual(r.argv, ['sh', '-c', 'pwd; echo "$GREETING"; cat; echo oops >&2; exit 3']);
  });

  it('sees the per-host filesystem and hostname', async () => {
    const other = await openSsh(lab.spec('lab2'));
    try {
      assert.equal((await root.exec(['hostname'])).stdout, 'lab1\n');
      assert.equal((await other.exec(['hostname'])).stdout, 'lab2\n');
      assert.equal(String(await other.readFile('/opt/lab-host')), 'lab2\n');
      assert.match(String(await root.readFile('/etc/hosts')), /\tlab1\n/);
    } finally {
      await other.close();
    }
  });

  it('writes atomically, keeps mode and owner of an existing file, and reads bytes back exactly', async () => {
    const file = '/opt/conf dir/it\'s $(x).xml';
    await root.exec(['mkdir', '-p', '/opt/conf dir']);
    const bytes = Buffer.from([0, 1, 2, 255, 0x0a, 0xc3, 0xa9, 0x0d, 0x0a]);
    await root.writeFile(file, bytes);
    assert.deepEqual(await root.readFile(file), bytes);
    let st = await root.stat(file);
    assert.equal(st.mode, 0o644);
    await root.exec(['chown', 'deploy:app', file]);
    await root.exec(['chmod', '640', file]);
    await root.writeFile(file, Buffer.from('second'));
    st = await root.stat(file);
    assert.deepEqual([st.mode, st.owner, st.group, st.size, st.type], [0o640, 'deploy', 'app', 6, 'file']);
    await root.writeFile(file, Buffer.from('third'), { mode: 0o600, owner: 'ops', group: 'ops' });
    st = await root.stat(file);
    assert.deepEqual([st.mode, st.owner, st.group], [0o600, 'ops', 'ops']);
    const onDisk = await fs.readFile(path.join(lab.host('lab1').root, 'opt', 'conf dir', 'it\'s $(x).xml'), 'utf8');
    assert.equal(onDisk, 'third');
    const leftovers = (await fs.readdir(path.join(lab.host('lab1').root, 'opt', 'conf dir'))).filter((n) => n.includes('esbplay'));
    assert.deepEqual(leftovers, []);
  });

  it('reports missing files and symlinks', async () => {
    assert.equal(await root.readFile('/opt/no/such/file'), null);
    assert.deepEqual(await root.stat('/opt/no-such'), { exists: false });
    await root.exec(['ln', '-sfn', '/opt/lab-host', '/opt/link to host']);
    const st = await root.stat('/opt/link to host');
    assert.equal(st.type, 'symlink');
    assert.equal(st.linkTarget, '/opt/lab-host');
  });

  it('becomes another user with sudo -n, and with a sudo password read from stdin', async () => {
    assert.equal((await root.exec(['id', '-un'], { become: { user: 'app' } })).stdout, 'app\n');
    const ops = await openSsh(lab.spec('lab1', { user: 'ops' }));
    const deploy = await openSsh(lab.spec('lab1', { user: 'deploy' }));
    try {
      assert.equal((await ops.exec(['id', '-un'], { become: {} })).stdout, 'root\n');
      const refused = await deploy.exec(['id', '-un'], { become: {} });
      assert.notEqual(refused.exitCode, 0, 'sudo -n without a password must fail for deploy');
      const r = await deploy.exec(['sh', '-c', 'id -un; cat'], { become: { password: new Secret(lab.userPassword) }, stdin: 'data\n' });
      assert.equal(r.stdout, 'root\ndata\n');
      assert.ok(!r.command.includes(lab.userPassword), 'the sudo password is never on the command line');
      await deploy.writeFile('/opt/owned-by-root', Buffer.from('x'), { become: { password: lab.userPassword } });
      const st = await deploy.stat('/opt/owned-by-root');
      assert.equal(st.owner, 'root');
      assert.equal(String(await deploy.readFile('/opt/owned-by-root', { become: { password: lab.userPassword } })), 'x');
    } finally {
      await ops.close();
      await deploy.close();
    }
  });

  it('logs in with a password and never shows a wrong one', async () => {
    const ok = await openSsh(lab.spec('lab2', { user: 'deploy', privateKeyFile: path.join(lab.dir, 'absent-key'), password: new Secret(lab.userPassword) }));
    assert.equal((await ok.exec(['id', '-un'])).stdout, 'deploy\n');
    await ok.close();
    const wrong = 'Wrong-Pa55word-xyz';
    await assert.rejects(openSsh(lab.spec('lab2', { user: 'deploy', privateKeyFile: path.join(lab.dir, 'absent-key'), password: wrong })), (e: unknown) => {
      assert.ok(e instanceof UnreachableError);
      assert.match(e.message, /authentication failed/);
      assert.match(e.message, /password/);
      assert.ok(!e.message.includes(wrong));
      return true;
    });
  });

  it('times out a command and kills it on the remote', async () => {
    const r = await root.exec(['sh', '-c', 'echo started; sleep 30'], { timeoutMs: 700 });
    assert.equal(r.timedOut, true);
    assert.equal(r.exitCode, null);
    assert.equal(r.stdout, 'started\n');
    const left = await root.exec(['sh', '-c', 'ps -eo args | grep -c "^sleep 30$" || true']);
    assert.equal(left.stdout.trim(), '0');
  });

  it('opens TCP streams from the host (forwardOut)', async () => {
    const h = lab.host('lab2');
    const sock = await root.connectTcp(h.address, h.port);
    const banner = await new Promise<string>((resolve) => sock.once('data', (d: Buffer) => resolve(d.toString('latin1'))));
    sock.destroy();
    assert.match(banner, /^SSH-2\.0-OpenSSH/);
    await assert.rejects(root.connectTcp('127.0.0.1', 1), /cannot connect to 127\.0\.0\.1:1 from lab1/);
  });

  it('reaches a host through a jump host', async () => {
    const h = lab.host('lab2');
    const viaJump = await openSsh(lab.spec('lab2', { jumpHost: `root@${lab.host('lab1').address}:22` }));
    assert.equal((await viaJump.exec(['hostname'])).stdout, 'lab2\n');
    await viaJump.close();
    await assert.rejects(openSsh(lab.spec('lab2', { address: h.address, port: 2, jumpHost: lab.host('lab1').address })),
      (e: unknown) => e instanceof UnreachableError && /jump host/.test(e.message));
  });

  it('fails to connect with a clear UnreachableError', async () => {
    await assert.rejects(openSsh({ ...lab.spec('lab1'), port: 1 }), (e: unknown) => {
      assert.ok(e instanceof UnreachableError);
      assert.equal(e.host, 'lab1');
      assert.match(e.message, /lab1 \(root@127\.10\.\d+\.1:1\): cannot connect: connection refused/);
      return true;
    });
  });

  it('runs more commands at once than sshd allows sessions (channels are bounded)', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => root.exec(['sh', '-c', 'sleep 0.2; echo $1', 'sh', String(i)])));
    assert.deepEqual(results.map((r) => r.stdout), Array.from({ length: 40 }, (_, i) => `${i}\n`));
  });
});
