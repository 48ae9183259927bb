// A hardened sshd without an SFTP subsystem: file transfer and stat fall back to exec scripts, same bytes, modes and atomicity.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { keysWithStatus, runJson, strayTempFiles, writeProject } from './lab-playbook.js';
import { hashTree } from '../engine/helpers.js';
import { openSsh } from '../../src/connection/ssh.js';

const PLAYBOOK = `
- hosts: all
  tasks:
    - name: app directory
      file: { path: /opt/app/conf, state: directory, mode: "0750" }
    - name: copied file with a mode
      copy: { content: "secret=1\\n", dest: /opt/app/conf/app.properties, mode: "0600" }
    - name: template
      template: { src: app.conf.j2, dest: /opt/app/conf/app.conf }
    - name: lineinfile creates
      lineinfile: { path: /opt/app/conf/extra.conf, line: "host={{ inventory_hostname | length }}", create: true }
    - name: a binary file
      copy: { src: blob.bin, dest: /opt/app/blob.bin }
    - name: xml edit
      xml:
        path: /opt/app/conf/carbon.xml
        xpath: /Server/Ports/Offset
        value: "3"
    - name: symlink
      file: { src: conf/app.conf, dest: /opt/app/current.conf, state: link }
`;

const BLOB = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256));

describe('lab: a host without an SFTP subsystem', function () {
  this.timeout(180_000);
  let lab: Lab;
  let playbook: string;
  let inventory: string;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 2, namePrefix: 'ns' });
    const config = path.join(lab.host('ns2').root, 'sshd_config');
    const text = await fs.readFile(config, 'utf8');
    await fs.writeFile(config, text.replace(/^Subsystem .*\n/m, ''));
    await lab.killHost('ns2');
    await lab.startHost('ns2');
    for (const h of lab.hosts) {
      await fs.mkdir(path.join(h.root, 'opt', 'app', 'conf'), { recursive: true });
      await fs.writeFile(path.join(h.root, 'opt', 'app', 'conf', 'carbon.xml'), '<?xml version="1.0" encoding="ISO-8859-1"?>\n<Server>\n    <Ports>\n        <Offset>0</Offset>\n    </Ports>\n</Server>\n');
    }
    const dir = await writeProject(lab, 'nosftp', { 'site.yml': PLAYBOOK, 'templates/app.conf.j2': 'name={{ inventory_hostname | length }}\n' });
    await fs.mkdir(path.join(dir, 'files'), { recursive: true });
    await fs.writeFile(path.join(dir, 'files', 'blob.bin'), BLOB);
    playbook = path.join(dir, 'site.yml');
    inventory = await lab.inventory();
  });
  after(async () => lab?.stop());

  it('the connection notices the missing subsystem and moves files over exec', async () => {
    const conn = await openSsh(lab.spec('ns2'));
    try {
      assert.equal(conn.usesSftp, true);
      assert.equal((await conn.stat('/opt/lab-host')).type, 'file');
      assert.equal(conn.usesSftp, false);
      assert.equal(String(await conn.readFile('/opt/lab-host')), 'ns2\n');
      await conn.writeFile('/opt/nosftp.txt', Buffer.from('via exec\n'), { mode: 0o640 });
      const st = await conn.stat('/opt/nosftp.txt');
      assert.equal(st.mode, 0o640);
      assert.equal(await fs.readFile(path.join(lab.host('ns2').root, 'opt', 'nosftp.txt'), 'utf8'), 'via exec\n');
    } finally {
      await conn.close();
    }
  });

  it('a file playbook leaves the same files (bytes and modes) as on a host with SFTP, is idempotent, and --check predicts nothing after', async () => {
    const first = await runJson(playbook, inventory);
    assert.equal(first.code, 0, first.out + first.err);
    assert.deepEqual(first.json.stats.ns1, first.json.stats.ns2);
    const tree = (h: string) => hashTree(path.join(lab.host(h).root, 'opt', 'app'));
    assert.deepEqual(tree('ns2'), tree('ns1'));
    assert.ok(BLOB.equals(await fs.readFile(path.join(lab.host('ns2').root, 'opt', 'app', 'blob.bin'))));
    assert.equal(await fs.readlink(path.join(lab.host('ns2').root, 'opt', 'app', 'current.conf')), 'conf/app.conf');
    const second = await runJson(playbook, inventory);
    assert.equal(second.code, 0);
    assert.deepEqual(keysWithStatus(second.json, 'changed'), []);
    const check = await runJson(playbook, inventory, '--check');
    assert.deepEqual(keysWithStatus(check.json, 'changed'), []);
    assert.deepEqual(await strayTempFiles(lab.host('ns2')), []);
  });
});
