// The database and certificate modules in playbooks over ssh on a lab host: as root, and as a user whose sudo needs a password.

import { strict as assert } from 'node:assert';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { keysWithStatus, runJson, strayTempFiles, writeProject } from './lab-playbook.js';
import { tryLogin } from '../modules/mysql-probe.js';
import { useMariadb } from '../modules/mysql-server.js';
import { STOCK_FILES } from '../stock-files.js';

const SITE = `- hosts: all
  tasks:
    - name: databases
      mysql_db: { name: [wso2_reg, wso2_um], login_unix_socket: "{{ sock }}" }
    - name: accounts
      mysql_user: { name: wso2, host: "{{ item }}", password: "{{ wso2_db_password }}", priv: "wso2_reg.*:ALL/wso2_um.*:ALL", login_unix_socket: "{{ sock }}" }
      loop: "{{ nodes }}"
    - name: schema
      mysql_schema: { db: "{{ item }}", src: /opt/dbscripts/mysql.sql, login_unix_socket: "{{ sock }}" }
      loop: [wso2_reg, wso2_um]
    - name: key
      openssl_privatekey: { path: /opt/ssl/esb.key, size: 2048 }
    - name: certificate
      x509_certificate: { path: /opt/ssl/esb.crt, privatekey_path: /opt/ssl/esb.key, common_name: "{{ inventory_hostname }}.esb.example" }
`;

describe('mysql_* and the certificate pair over ssh (lab)', function () {
  this.timeout(180_000);
  const suite = useMariadb();
  let lab: Lab;
  let dir: string;
  let rootInv: string;
  let deployInv: string;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 1, namePrefix: 'dbh' });
    const db = suite.db;
    const root = await lab.inventory();
    const vars = [`    sock: ${db.socket}`, `    nodes: ["${db.subnet}.2", "${db.subnet}.3"]`];
    const text = (await fs.readFile(root, 'utf8')).replace('  vars:\n', `  vars:\n${vars.join('\n')}\n`);
    rootInv = path.join(lab.dir, 'root.yml');
    deployInv = path.join(lab.dir, 'deploy.yml');
    await fs.writeFile(rootInv, text);
    await fs.writeFile(deployInv, text.replace('ansible_user: root', `ansible_user: deploy\n    ansible_become: true\n    ansible_become_password: ${lab.userPassword}`));
    const opt = path.join(lab.host('dbh1').root, 'opt');
    await fs.mkdir(path.join(opt, 'dbscripts'), { recursive: true });
    await fs.mkdir(path.join(opt, 'ssl'), { recursive: true });
    await fs.copyFile(`${STOCK_FILES}/4.9.0/dbscripts/mysql.sql`, path.join(opt, 'dbscripts', 'mysql.sql'));
    dir = await writeProject(lab, 'dbproj', { 'site.yml': SITE });
  });
  after(async () => lab?.stop());

  it('as root: first run creates, second run is ok; as deploy with a sudo password: a rotation changes only the accounts', async () => {
    const pw1 = 'R00t-run\'pw';
    const first = await runJson(path.join(dir, 'site.yml'), rootInv, '-e', JSON.stringify({ wso2_db_password: pw1 }));
    assert.equal(first.code, 0, first.out + first.err);
    assert.deepEqual(keysWithStatus(first.json, 'changed'), ['dbh1|accounts', 'dbh1|certificate', 'dbh1|databases', 'dbh1|key', 'dbh1|schema']);
    const opt = path.join(lab.host('dbh1').root, 'opt');
    assert.equal(statSync(path.join(opt, 'ssl', 'esb.key')).mode & 0o777, 0o600);
    assert.match(await suite.db.sql('SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = \'wso2_um\''), /\n39\n/);

    const second = await runJson(path.join(dir, 'site.yml'), rootInv, '-e', JSON.stringify({ wso2_db_password: pw1 }));
    assert.equal(second.code, 0, second.out + second.err);
    assert.deepEqual(keysWithStatus(second.json, 'changed'), []);

    const pw2 = 'Dep\\loy;rotated"2';
    const rotated = await runJson(path.join(dir, 'site.yml'), deployInv, '-e', JSON.stringify({ wso2_db_password: pw2 }), '--diff');
    assert.equal(rotated.code, 0, rotated.out + rotated.err);
    assert.deepEqual(keysWithStatus(rotated.json, 'changed'), ['dbh1|accounts']);
    for (const text of [first.out, second.out, rotated.out, rotated.err]) for (const pw of [pw1, pw2]) assert.equal(text.includes(pw), false);
    const db = suite.db;
    assert.deepEqual(await tryLogin({ address: db.address, port: db.port, localAddress: `${db.subnet}.3`, user: 'wso2', password: pw2 }), { ok: true });
    assert.equal((await tryLogin({ address: db.address, port: db.port, localAddress: `${db.subnet}.3`, user: 'wso2', password: pw1 })).ok, false);
    assert.deepEqual(await strayTempFiles(lab.host('dbh1')), []);
    assert.deepEqual((await fs.readdir(path.join(opt, 'ssl'))).sort(), ['esb.crt', 'esb.key'], 'no generated temp file left');
  });
});
