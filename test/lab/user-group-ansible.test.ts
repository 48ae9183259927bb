// user and group side by side: one playbook run by ansible-playbook on one test host and by esbplay on its twin; the account files must agree.

import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { requireLab } from './lab-prereq.js';
import { cli } from '../engine/helpers.js';
import { hasTool } from '../modules/op-harness.js';
import { startSysHost, type SysHost } from './sys-host.js';

const hash = (p: string) => execFileSync('openssl', ['passwd', '-6', '-salt', 'esbplaysalt', '-stdin'], { input: `${p}\n`, encoding: 'utf8' }).trim();

const PLAYBOOK = `
- hosts: all
  gather_facts: false
  tasks:
    - group: { name: wso2, system: true }
    - group: { name: ops, gid: 2500 }
    - user: { name: wso2, group: wso2, system: true, home: /opt/wso2, shell: /usr/sbin/nologin, comment: WSO2 ESB, password: "${hash('one')}" }
    - user: { name: deploy, groups: [ops, adm], password: "${hash('two')}" }
    - user: { name: deploy, groups: [users], append: true }
    - user: { name: deploy, shell: /bin/bash, comment: Deploy }
    - user: { name: deploy, password: "${hash('three')}", password_lock: true }
    - user: { name: gone, uid: 2600 }
    - user: { name: gone, state: absent, remove: true }
    - group: { name: ops, gid: 2501 }
`;

const SNAPSHOT = "cat /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/subuid /etc/subgid; find /opt /home -printf '%p %m %u %g\\n' | sort";

describe('user and group: the same account files as ansible-playbook', function () {
  this.timeout(300_000);
  let hosts: SysHost[] = [];
  let conns: SshConnection[] = [];

  before(async function () {
    requireLab(this);
    if (!hasTool('ansible-playbook')) {
      if (process.env.CI === 'true') throw new Error('ansible-playbook is missing and CI=true');
      this.skip();
    }
    hosts = [await startSysHost('twin-ansible'), await startSysHost('twin-esbplay')];
    conns = await Promise.all(hosts.map((h) => openSsh(h.spec())));
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await Promise.all(hosts.map((h) => h.stop()));
  });

  it('both runs leave identical passwd, group, shadow, gshadow, subuid/subgid and homes, run after run, with the same changed counts', async () => {
    const [ans, esb] = hosts as [SysHost, SysHost];
    const write = async (h: SysHost, extra: string[]) => {
      const s = h.spec();
      await fs.writeFile(path.join(h.dir, 'site.yml'), PLAYBOOK);
      await fs.writeFile(path.join(h.dir, 'inventory.yml'), ['all:', '  hosts:', `    ${s.host}:`, `      ansible_host: ${s.address}`,
        '      ansible_user: root', `      ansible_ssh_private_key_file: ${s.privateKeyFile}`, ...extra, ''].join('\n'));
    };
    await write(ans, [`      ansible_ssh_common_args: '-o UserKnownHostsFile=${ans.spec().knownHostsFile} -o StrictHostKeyChecking=yes'`,
      '      ansible_python_interpreter: /usr/bin/python3']);
    await write(esb, [`      known_hosts_file: ${esb.spec().knownHostsFile}`]);
    const ansible = () => promisify(execFile)('ansible-playbook', ['-i', path.join(ans.dir, 'inventory.yml'), path.join(ans.dir, 'site.yml')], { env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: 'True' } })
      .then((r) => r.stdout, (e: { stdout?: string; stderr?: string }) => assert.fail(`ansible-playbook failed:\n${e.stdout}\n${e.stderr}`));
    const esbplay = async () => {
      const r = await cli(['run', path.join(esb.dir, 'site.yml'), '-i', path.join(esb.dir, 'inventory.yml')]);
      assert.equal(r.code, 0, r.out + r.err);
      return r.out;
    };
    const snap = async (c: SshConnection) => (await c.exec(['sh', '-c', SNAPSHOT])).stdout;
    const changed = (recap: string) => /changed=(\d+)/.exec(recap)?.[1];
    // the playbook re-adds and re-removes on purpose: the rerun changes the same 7 tasks in both
    for (const expected of ['10', '7']) {
      assert.equal(changed(await ansible()), expected, 'ansible-playbook');
      assert.equal(changed(await esbplay()), expected, 'esbplay');
      assert.equal(await snap(conns[1]!), await snap(conns[0]!));
    }
  });
});
