// 50 lab hosts opened in parallel: every host answers with its own hostname and its own /etc/hosts.

import assert from 'node:assert/strict';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';

describe('lab: 50 hosts in parallel', function () {
  this.timeout(180_000);
  let lab: Lab;
  const conns: SshConnection[] = [];

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 50, namePrefix: 'node' });
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await lab?.stop();
  });

  it('opens all, runs hostname and reads /etc/hosts on each, with no crossed results', async () => {
    conns.push(...(await Promise.all(lab.hosts.map((h) => openSsh(lab.spec(h.name))))));
    const results = await Promise.all(conns.map(async (c) => {
      const [name, hosts] = await Promise.all([c.exec(['hostname']), c.readFile('/etc/hosts')]);
      return { host: c.host, name: name.stdout.trim(), hosts: String(hosts) };
    }));
    for (const [i, h] of lab.hosts.entries()) {
      assert.equal(results[i]!.host, h.name);
      assert.equal(results[i]!.name, h.name);
      assert.equal(results[i]!.hosts, `127.0.0.1\tlocalhost\n${h.address}\t${h.name}\n`);
    }
    assert.equal(new Set(results.map((r) => r.name)).size, 50);
  });
});
