// A playbook over 4 lab hosts: xml, template, lineinfile, a handler restarting each host's real nginx; idempotence and --check.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { ensureNginx, hashLabHosts, httpGet, keysWithStatus, runJson, strayTempFiles, writeNginxBase, writeProject } from './lab-playbook.js';
import { STOCK_FILES } from '../stock-files.js';

const STOCK_AXIS2 = `${STOCK_FILES}/4.9.0/repository/conf/axis2/axis2.xml`;
const AXIS2 = 'opt/wso2esb/repository/conf/axis2/axis2.xml';
const PORT = 8280;

const PLAYBOOK = `
- name: ESB cluster files
  hosts: all
  vars:
    axis2: /${AXIS2}
    site_version: v1
    hosts_file: /opt/hosts
  tasks:
    - name: axis2 clustering
      xml:
        path: "{{ axis2 }}"
        edits:
          - xpath: "/axisconfig/clustering/parameter[@name='domain']"
            value: esb.lab.domain
          - xpath: "/axisconfig/clustering/parameter[@name='localMemberHost']"
            value: "{{ ansible_host }}"
      notify: restart nginx
    - name: nginx site
      template:
        src: esb.conf.mustache
        dest: /etc/nginx/conf.d/esb.conf
      notify: restart nginx
    - name: load balancer name in the hosts file
      lineinfile:
        path: "{{ hosts_file }}"
        regexp: '\\sesb-lb$'
        line: "{{ ansible_host }} esb-lb"
  handlers:
    - name: restart nginx
      service:
        name: nginx
        state: restarted
`;

const TEMPLATE = `server {
    listen {{ ansible_host }}:${PORT};
    location / { return 200 "{{ inventory_hostname }} {{ site_version }}\\n"; }
}
`;

describe('lab playbook: file edits, handler restarting real nginx, idempotence, --check', function () {
  this.timeout(180_000);
  let lab: Lab;
  let inventory: string;
  let playbook: string;
  let stock: string;

  before(async function () {
    requireLab(this);
    const noNginx = ensureNginx();
    if (noNginx) {
      if (process.env.CI === 'true') throw new Error(noNginx);
      this.skip();
    }
    lab = await startLab({ hosts: 4, namePrefix: 'esb' });
    inventory = await lab.inventory();
    stock = await fs.readFile(STOCK_AXIS2, 'utf8');
    for (const h of lab.hosts) {
      await fs.mkdir(path.dirname(path.join(h.root, AXIS2)), { recursive: true });
      await fs.copyFile(STOCK_AXIS2, path.join(h.root, AXIS2));
      await writeNginxBase(h);
      // the lab's /etc/hosts is a file bind-mounted over the machine's: rename(2) cannot replace it (see the last test)
      await fs.copyFile(path.join(h.root, 'hosts'), path.join(h.root, 'opt', 'hosts'));
    }
    const dir = await writeProject(lab, 'files-project', { 'site.yml': PLAYBOOK, 'templates/esb.conf.mustache': TEMPLATE });
    playbook = path.join(dir, 'site.yml');
  });
  after(async () => lab?.stop());

  it('first run changes every host and restarts its nginx; the files hold exactly the edits', async () => {
    const r = await runJson(playbook, inventory);
    assert.equal(r.code, 0, `${r.out}\n${r.err}`);
    for (const h of lab.hosts) {
      assert.deepEqual(r.json.stats[h.name], { ok: 4, changed: 4, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }, h.name);
      const expected = stock
        .replace('<parameter name="domain">wso2.carbon.domain</parameter>', '<parameter name="domain">esb.lab.domain</parameter>')
        .replace('<parameter name="localMemberHost">127.0.0.1</parameter>', `<parameter name="localMemberHost">${h.address}</parameter>`);
      assert.notEqual(expected, stock);
      assert.equal(await fs.readFile(path.join(h.root, AXIS2), 'utf8'), expected, `${h.name}: only the two values changed`);
      assert.equal(await fs.readFile(path.join(h.root, 'opt', 'hosts'), 'utf8'), `127.0.0.1\tlocalhost\n${h.address}\t${h.name}\n${h.address} esb-lb\n`);
      assert.match(await fs.readFile(path.join(h.root, 'etc-nginx', 'conf.d', 'esb.conf'), 'utf8'), new RegExp(`listen ${h.address.replace(/\./g, '\\.')}:${PORT};`));
      assert.equal(await httpGet(h.address, PORT), `${h.name} v1\n`, `${h.name}: its own nginx serves the new site`);
      assert.deepEqual(await strayTempFiles(h), []);
    }
    const handler = r.json.plays[0]!.tasks.find((t) => t.task.name === 'restart nginx');
    assert.ok(handler?.task.handler);
    assert.deepEqual(Object.values(handler!.hosts).map((x) => x.status), ['changed', 'changed', 'changed', 'changed']);
  });

  it('second run: changed=0 on every host, no handler, no byte written', async () => {
    const before = hashLabHosts(lab);
    const r = await runJson(playbook, inventory);
    assert.equal(r.code, 0, `${r.out}\n${r.err}`);
    for (const h of lab.hosts) assert.equal(r.json.stats[h.name]!.changed, 0, `${h.name}: ${JSON.stringify(r.json.stats[h.name])}`);
    assert.equal(r.json.plays[0]!.tasks.find((t) => t.task.name === 'restart nginx'), undefined, 'the handler did not run');
    assert.deepEqual(hashLabHosts(lab), before);
  });

  it('--check after an input changed writes no byte on any host, and predicts exactly what the real run then changes', async () => {
    const before = hashLabHosts(lab);
    const check = await runJson(playbook, inventory, '--check', '--diff', '-e', 'site_version=v2');
    assert.equal(check.code, 0, `${check.out}\n${check.err}`);
    assert.deepEqual(hashLabHosts(lab), before, 'check mode changed a file on a host');
    for (const h of lab.hosts) assert.equal(await httpGet(h.address, PORT), `${h.name} v1\n`, 'nginx was not restarted by --check');
    const predicted = keysWithStatus(check.json, 'changed');
    assert.deepEqual(predicted, lab.hosts.flatMap((h) => [`${h.name}|nginx site`, `${h.name}|restart nginx`]).sort());
    const site = check.json.plays[0]!.tasks.find((t) => t.task.name === 'nginx site')!;
    assert.match(site.hosts.esb1!.diff!.join('\n'), /-.*esb1 v1.*\n\+.*esb1 v2/);

    const real = await runJson(playbook, inventory, '-e', 'site_version=v2');
    assert.equal(real.code, 0, `${real.out}\n${real.err}`);
    assert.deepEqual(keysWithStatus(real.json, 'changed'), predicted);
    for (const h of lab.hosts) {
      assert.equal(await httpGet(h.address, PORT), `${h.name} v2\n`);
      assert.deepEqual(await strayTempFiles(h), []);
    }
  });

  it('lineinfile on the bind-mounted /etc/hosts fails on every host, saying why, and leaves it untouched', async () => {
    const before = hashLabHosts(lab);
    const r = await runJson(playbook, inventory, '-e', 'site_version=v2', '-e', 'hosts_file=/etc/hosts');
    assert.equal(r.code, 2, `${r.out}\n${r.err}`);
    const task = r.json.plays[0]!.tasks.find((t) => t.task.name === 'load balancer name in the hosts file')!;
    for (const h of lab.hosts) {
      assert.equal(task.hosts[h.name]!.status, 'failed');
      assert.match(String(task.hosts[h.name]!.result!.msg), /cannot write \/etc\/hosts: it is a mount point .*atomic rename/);
      assert.deepEqual(await strayTempFiles(h), []);
    }
    assert.deepEqual(hashLabHosts(lab), before);
  });
});
