// A host that dies mid-operation: one reconnect attempt, then UnreachableError; never a half-written file.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { openSsh } from '../../src/connection/ssh.js';
import { UnreachableError } from '../../src/errors.js';

/** Resolves once a temp file of an in-progress write to dir has at least minBytes. */
async function waitForPartialTemp(dir: string, minBytes: number): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    for (const name of await fs.readdir(dir)) {
      if (!name.includes('esbplay')) continue;
      const st = await fs.stat(path.join(dir, name)).catch(() => null);
      if (st && st.size >= minBytes) return;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the write never started');
}

describe('lab: dropped connections', function () {
  this.timeout(60_000);
  let lab: Lab;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 3 });
  });
  after(async () => lab?.stop());

  for (const fileTransfer of ['sftp', 'exec'] as const) {
    it(`host killed during a ${fileTransfer} write: UnreachableError, and the target keeps its old bytes`, async () => {
      const host = fileTransfer === 'sftp' ? 'lab1' : 'lab2';
      const conn = await openSsh(lab.spec(host), { fileTransfer });
      const optDir = path.join(lab.host(host).root, 'opt');
      await conn.writeFile('/opt/big.conf', Buffer.from('old contents\n'));
      const big = Buffer.alloc(128 * 1024 * 1024, 'x');
      const writing = conn.writeFile('/opt/big.conf', big);
      writing.catch(() => undefined);
      await waitForPartialTemp(optDir, 64 * 1024);
      await lab.killHost(host);
      await assert.rejects(writing, (e: unknown) => {
        assert.ok(e instanceof UnreachableError, String(e));
        assert.equal(e.host, host);
        assert.match(e.message, new RegExp(`^${host}: connection lost; reconnecting failed: .*connection refused`));
        return true;
      });
      assert.equal(await fs.readFile(path.join(optDir, 'big.conf'), 'utf8'), 'old contents\n');
      // the host stays unreachable for this run: no further attempts
      await assert.rejects(conn.exec(['true']), UnreachableError);
      await conn.close();
      await lab.startHost(host);
    });
  }

  it('a command running when the host dies ends the host as unreachable', async () => {
    const conn = await openSsh(lab.spec('lab3'));
    const running = conn.exec(['sh', '-c', 'echo started; sleep 30']);
    running.catch(() => undefined);
    await waitFor(async () => (await fs.readdir('/proc')).length > 0 && (await isSleeping(conn)));
    await lab.killHost('lab3');
    await assert.rejects(running, (e: unknown) => e instanceof UnreachableError && /reconnecting failed/.test(e.message));
    await conn.close();
    await lab.startHost('lab3');
  });

  it('a connection dropped while idle is re-established once, transparently', async () => {
    const conn = await openSsh(lab.spec('lab3'));
    assert.equal((await conn.exec(['hostname'])).stdout, 'lab3\n');
    await lab.killHost('lab3');
    await lab.startHost('lab3');
    assert.equal((await conn.exec(['hostname'])).stdout, 'lab3\n');
    assert.equal(String(await conn.readFile('/opt/lab-host')), 'lab3\n');
    assert.equal(conn.reconnects, 1);
    await conn.close();
  });
});

async function isSleeping(conn: { exec(argv: string[]): Promise<{ stdout: string }> }): Promise<boolean> {
  return (await conn.exec(['sh', '-c', 'ps -eo args | grep -c "^sleep 30$" || true'])).stdout.trim() !== '0';
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition never became true');
}
