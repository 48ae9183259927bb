// A playbook that makes a plain host ready (apt, group, user, ini_file, file, stat) through the real CLI over ssh: --check, run, rerun.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { requireLab } from './lab-prereq.js';
import { cli } from '../engine/helpers.js';
import { ensureTools } from '../modules/op-harness.js';
import { buildDeb, startSysHost, type SysHost } from './sys-host.js';

const CNF = '/etc/mysql/mariadb.conf.d/50-server.cnf';

const PLAYBOOK = `
- name: A plain host made ready for the ESB
  hosts: all
  vars:
    db_bind: 0.0.0.0
  tasks:
    - name: packages
      apt:
        name: [esbplay-demo, esbplay-other]
        update_cache: true
        cache_valid_time: 3600
    - name: service group
      group: { name: wso2, system: true }
    - name: service user
      user:
        name: wso2
        group: wso2
        system: true
        home: /opt/wso2
        shell: /usr/sbin/nologin
        password: "{{ wso2_password_hash }}"
    - name: log directory owned by the service user
      file: { path: /opt/wso2/repository/logs, state: directory, owner: wso2, group: wso2, mode: "0750" }
    - name: database listens on the cluster address
      ini_file: { path: ${CNF}, section: mysqld, option: bind-address, value: "{{ db_bind }}" }
    - name: look at the home
      stat: { path: /opt/wso2 }
      register: home
    - name: the home belongs to the service user
      assert:
        that: home.stat.pw_name == 'wso2'
      when: not ansible_check_mode
`;

interface Stats {
  readonly stats: Record<string, Record<string, number>>;
}

describe('system modules in a playbook over ssh (real CLI)', function () {
  this.timeout(300_000);
  let host: SysHost;
  let conn: SshConnection;
  let dir: string;
  const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: 'playbook-Secret\n', encoding: 'utf8' }).trim();
  const state = async () => (await conn.exec(['sh', '-c', `cat /etc/passwd /etc/group /etc/shadow ${CNF}; dpkg-query -W 'esbplay-*' 2>&1; find /opt -printf '%p %m %u\\n' | sort`])).stdout;
  const run = async (...extra: string[]) => {
    const r = await cli(['run', path.join(dir, 'site.yml'), '-i', path.join(dir, 'inventory.yml'), ...extra]);
    assert.ok(!`${r.out}${r.err}`.includes(hash.slice(3, 24)), 'the password hash never appears in any output');
    return r;
  };

  before(async function () {
    requireLab(this);
    if (!ensureTools({ 'dpkg-scanpackages': 'dpkg-dev' })) this.skip();
    host = await startSysHost('plain1');
    await buildDeb(host.repo, 'esbplay-demo', '1.0');
    await buildDeb(host.repo, 'esbplay-other', '1.0');
    await host.indexRepo();
    conn = await openSsh(host.spec());
    const s = host.spec();
    dir = path.join(host.dir, 'project');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'site.yml'), PLAYBOOK);
    await fs.writeFile(path.join(dir, 'inventory.yml'), [
      'all:', '  vars:', '    ansible_user: root', `    ansible_ssh_private_key_file: ${s.privateKeyFile}`, `    known_hosts_file: ${s.knownHostsFile}`,
      `    wso2_password_hash: '${hash}'`, '  hosts:', '    plain1:', `      ansible_host: ${s.address}`, '',
    ].join('\n'));
  });
  after(async () => {
    await conn?.close();
    await host?.stop();
  });

  it('--check changes nothing and predicts the run; the run changes every task; the rerun changes none', async () => {
    const before = await state();
    const check = await run('--check', '--diff', '--output', 'json');
    assert.equal(check.code, 0, check.out + check.err);
    assert.equal(await state(), before, '--check wrote nothing on the host');
    const predicted = (JSON.parse(check.out) as Stats).stats.plain1!;
    const first = await run('--diff', '--output', 'json');
    assert.equal(first.code, 0, first.out + first.err);
    assert.match(first.out, /-bind-address\s+= 127\.0\.0\.1\\n\+bind-address = 0\.0\.0\.0/, 'the ini diff shows the one changed line');
    assert.equal((JSON.parse(first.out) as Stats).stats.plain1!.changed, predicted.changed, 'check mode predicted the number of changes');
    const again = await run('--output', 'json');
    assert.equal(again.code, 0, again.out);
    const stats = (JSON.parse(again.out) as Stats).stats.plain1!;
    assert.equal(stats.changed, 0, `rerun changed nothing: ${again.out}`);
    const human = await run('--check', '--diff', '-v');
    assert.equal(human.code, 0, human.out);
    assert.equal(predicted.changed, 5, 'check mode: apt, group, user, file, ini_file would change');
    assert.match(await state(), /wso2:x:\d+:\d+::\/opt\/wso2:\/usr\/sbin\/nologin/);
    assert.match(await state(), /\/opt\/wso2\/repository\/logs 750 wso2\n/);
    assert.match(await state(), /\/opt\/wso2\/repository 750 wso2\n/, 'the created parent got the mode and owner too');
  });
});
