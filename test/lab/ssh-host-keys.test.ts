// Host key policy against real sshd: unknown and changed keys refused (with SHA256 fingerprint), TOFU, hashed entries.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { hostKeyPath } from './lab-sshd.js';
import { openSsh } from '../../src/connection/ssh.js';
import { UnreachableError } from '../../src/errors.js';

/** the fingerprint as OpenSSH's ssh-keygen prints it */
function sshKeygenFingerprint(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' }).split(' ')[1]!;
}

describe('lab: host key checking', function () {
  this.timeout(60_000);
  let lab: Lab;
  let n = 0;
  const tempKnownHosts = async (text: string) => {
    const file = path.join(lab.dir, `kh-${n++}`);
    await fs.writeFile(file, text);
    return file;
  };

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 2 });
  });
  after(async () => lab?.stop());

  it('refuses an unknown host key before running anything, naming host and fingerprint', async () => {
    const knownHostsFile = await tempKnownHosts('');
    const fp = sshKeygenFingerprint(`${hostKeyPath(lab.host('lab1').root)}.pub`);
    await assert.rejects(openSsh(lab.spec('lab1', { knownHostsFile })), (e: unknown) => {
      assert.ok(e instanceof UnreachableError);
      assert.equal(e.exitCode, 4);
      assert.match(e.message, /^lab1 \(root@127\.10\.\d+\.1:22\): host key not known/);
      assert.ok(e.message.includes(`ssh-ed25519 key ${fp}`), e.message);
      return true;
    });
    assert.equal(await fs.readFile(knownHostsFile, 'utf8'), '', 'nothing recorded without acceptNewHostKeys');
  });

  it('records an unknown key with acceptNewHostKeys, then verifies it like OpenSSH would', async () => {
    const knownHostsFile = await tempKnownHosts('# comment\n');
    const conn = await openSsh(lab.spec('lab1', { knownHostsFile, acceptNewHostKeys: true }));
    assert.equal((await conn.exec(['hostname'])).stdout, 'lab1\n');
    await conn.close();
    const recorded = await fs.readFile(knownHostsFile, 'utf8');
    assert.match(recorded, new RegExp(`^# comment\\n${lab.host('lab1').address.replace(/\./g, '\\.')} ssh-ed25519 `));
    // OpenSSH itself accepts the line we wrote
    const out = execFileSync('ssh', ['-i', lab.keyFile, '-o', `UserKnownHostsFile=${knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes',
      '-o', 'BatchMode=yes', `root@${lab.host('lab1').address}`, 'hostname'], { encoding: 'utf8' });
    assert.equal(out, 'lab1\n');
    const again = await openSsh(lab.spec('lab1', { knownHostsFile }));
    await again.close();
  });

  it('accepts hashed known_hosts entries (ssh-keygen -H)', async () => {
    const knownHostsFile = await tempKnownHosts(await fs.readFile(lab.knownHostsFile, 'utf8'));
    execFileSync('ssh-keygen', ['-H', '-f', knownHostsFile], { stdio: 'ignore' });
    assert.match(await fs.readFile(knownHostsFile, 'utf8'), /^\|1\|/);
    const conn = await openSsh(lab.spec('lab2', { knownHostsFile }));
    assert.equal((await conn.exec(['hostname'])).stdout, 'lab2\n');
    await conn.close();
  });

  it('refuses a changed host key, even with acceptNewHostKeys, and says where the old key is', async () => {
    const knownHostsFile = await tempKnownHosts(await fs.readFile(lab.knownHostsFile, 'utf8'));
    const before = await fs.readFile(knownHostsFile, 'utf8');
    await lab.changeHostKey('lab2');
    const fp = sshKeygenFingerprint(`${hostKeyPath(lab.host('lab2').root)}.pub`);
    for (const acceptNewHostKeys of [false, true]) {
      await assert.rejects(openSsh(lab.spec('lab2', { knownHostsFile, acceptNewHostKeys })), (e: unknown) => {
        assert.ok(e instanceof UnreachableError);
        assert.match(e.message, /^lab2 .*HOST KEY CHANGED/);
        assert.ok(e.message.includes(fp), e.message);
        assert.ok(e.message.includes(`${knownHostsFile}:2`), e.message);
        return true;
      });
    }
    assert.equal(await fs.readFile(knownHostsFile, 'utf8'), before, 'a changed key is never recorded');
  });

  it('refuses a key marked @revoked', async () => {
    const pub = (await fs.readFile(`${hostKeyPath(lab.host('lab1').root)}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    const knownHostsFile = await tempKnownHosts(`${lab.host('lab1').address} ${pub}\n@revoked * ${pub}\n`);
    await assert.rejects(openSsh(lab.spec('lab1', { knownHostsFile })), /lab1 .*@revoked/);
  });

  it('accepts any key with hostKeyChecking: false and says so', async () => {
    const knownHostsFile = await tempKnownHosts('');
    const conn = await openSsh(lab.spec('lab1', { knownHostsFile, hostKeyChecking: false }));
    assert.equal(conn.hostKeyCheckingDisabled, true);
    assert.equal((await conn.exec(['hostname'])).stdout, 'lab1\n');
    await conn.close();
    assert.equal(await fs.readFile(knownHostsFile, 'utf8'), '');
  });
});
