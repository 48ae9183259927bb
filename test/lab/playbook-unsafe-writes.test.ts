// unsafe_writes on a lab host's bind-mounted /etc/hosts: refused with a clear message by default, rewritten in place when asked (SFTP and sudo paths).

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { keysWithStatus, runJson, strayTempFiles, writeProject } from './lab-playbook.js';

const playbook = (unsafe: boolean, become: boolean) => `
- hosts: all
  ${become ? 'become: true' : ''}
  tasks:
    - name: cluster name in /etc/hosts
      lineinfile:
        path: /etc/hosts
        line: "10.9.9.9 esb-cluster"
        unsafe_writes: ${unsafe}
    - name: whole file by template
      template:
        src: hosts.j2
        dest: /etc/hosts
        unsafe_writes: ${unsafe}
`;

const TEMPLATE = '127.0.0.1\tlocalhost\n{{ ansible_host }}\t{{ inventory_hostname }}\n10.9.9.9 esb-cluster\n10.9.9.10 esb-db\n';

describe('lab playbook: unsafe_writes on a bind-mounted /etc/hosts', function () {
  this.timeout(180_000);
  let lab: Lab;
  let rootInventory: string;
  let opsInventory: string;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 2, namePrefix: 'uw' });
    rootInventory = await lab.inventory();
    opsInventory = path.join(lab.dir, 'inventory-ops.yml');
    await fs.writeFile(opsInventory, (await fs.readFile(rootInventory, 'utf8')).replace('ansible_user: root', 'ansible_user: ops'));
  });
  after(async () => lab?.stop());

  const hostsFile = (h: string) => path.join(lab.host(h).root, 'hosts');
  const original = (h: string) => `127.0.0.1\tlocalhost\n${lab.host(h).address}\t${h}\n`;

  for (const [label, become] of [['as root over SFTP', false], ['as ops through sudo (exec script)', true]] as const) {
    it(`${label}: refused by default (the file untouched, the message says why and what to do), rewritten in place with unsafe_writes`, async () => {
      for (const h of lab.hosts) await fs.writeFile(hostsFile(h.name), original(h.name));
      const inventory = become ? opsInventory : rootInventory;
      const dir = await writeProject(lab, `uw-${become}`, {
        'safe.yml': playbook(false, become), 'unsafe.yml': playbook(true, become), 'templates/hosts.j2': TEMPLATE,
      });
      const refused = await runJson(path.join(dir, 'safe.yml'), inventory);
      assert.equal(refused.code, 2, refused.out + refused.err);
      const msg = String(refused.json.plays[0]!.tasks[0]!.hosts.uw1!.result!.msg);
      assert.match(msg, /cannot write \/etc\/hosts: it is a mount point .* set unsafe_writes: true/);
      for (const h of lab.hosts) assert.equal(await fs.readFile(hostsFile(h.name), 'utf8'), original(h.name));

      const done = await runJson(path.join(dir, 'unsafe.yml'), inventory);
      assert.equal(done.code, 0, done.out + done.err);
      assert.deepEqual(keysWithStatus(done.json, 'changed'), ['uw1|cluster name in /etc/hosts', 'uw1|whole file by template', 'uw2|cluster name in /etc/hosts', 'uw2|whole file by template']);
      for (const h of lab.hosts) {
        // the bind mount's source file got the bytes: it was written in place, not replaced
        assert.equal(await fs.readFile(hostsFile(h.name), 'utf8'), `127.0.0.1\tlocalhost\n${h.address}\t${h.name}\n10.9.9.9 esb-cluster\n10.9.9.10 esb-db\n`);
        assert.deepEqual(await strayTempFiles(h), []);
      }
      const again = await runJson(path.join(dir, 'unsafe.yml'), inventory);
      assert.deepEqual(keysWithStatus(again.json, 'changed'), []);
    });
  }
});
