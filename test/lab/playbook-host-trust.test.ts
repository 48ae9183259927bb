// Host trust over real sshd: only the operator (inventory, command line) can relax host key checking; every relaxation is reported per host.

import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { cli } from '../engine/helpers.js';
import { runJson, writeProject } from './lab-playbook.js';

const TOUCH = `    - name: mark the host
      command:
        argv: [touch, /opt/ran]
`;

/** A playbook source that tries to switch host key checking off (or trust new keys) for the host with the changed key. */
interface Attempt {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly args?: readonly string[];
}

const OFF = 'ansible_host_key_checking: false';

const ATTEMPTS: Attempt[] = [
  { name: 'play vars', files: { 'site.yml': `- hosts: all\n  vars:\n    ${OFF}\n  tasks:\n${TOUCH}` } },
  { name: 'play vars (host_key_checking)', files: { 'site.yml': `- hosts: all\n  vars:\n    host_key_checking: no\n  tasks:\n${TOUCH}` } },
  { name: 'vars_files', files: { 'site.yml': `- hosts: all\n  vars_files: [trust.yml]\n  tasks:\n${TOUCH}`, 'trust.yml': `${OFF}\n` } },
  { name: 'task vars', files: { 'site.yml': `- hosts: all\n  tasks:\n${TOUCH}      vars:\n        ${OFF}\n` } },
  { name: 'block vars', files: { 'site.yml': `- hosts: all\n  tasks:\n    - block:\n${TOUCH.replace(/^(?=.)/gm, '    ')}      vars:\n        ${OFF}\n` } },
  { name: 'set_fact', files: { 'site.yml': `- hosts: all\n  tasks:\n    - set_fact:\n        ${OFF}\n${TOUCH}` } },
  { name: 'role defaults', files: { 'site.yml': `- hosts: all\n  roles: [lax]\n`, 'roles/lax/defaults/main.yml': `${OFF}\n`, 'roles/lax/tasks/main.yml': TOUCH.replace(/^ {4}/gm, '') } },
  { name: 'role vars', files: { 'site.yml': `- hosts: all\n  roles: [lax]\n`, 'roles/lax/vars/main.yml': `${OFF}\n`, 'roles/lax/tasks/main.yml': TOUCH.replace(/^ {4}/gm, '') } },
  { name: 'role params', files: { 'site.yml': `- hosts: all\n  roles:\n    - { role: lax, ${OFF} }\n`, 'roles/lax/tasks/main.yml': TOUCH.replace(/^ {4}/gm, '') } },
  { name: 'role defaults asking for trust on first use', files: { 'site.yml': `- hosts: all\n  roles: [lax]\n`, 'roles/lax/defaults/main.yml': 'esbplay_accept_new_host_keys: true\n', 'roles/lax/tasks/main.yml': TOUCH.replace(/^ {4}/gm, '') } },
  { name: '-e', files: { 'site.yml': `- hosts: all\n  tasks:\n${TOUCH}` }, args: ['-e', 'ansible_host_key_checking=false'] },
  { name: '-e known_hosts_file', files: { 'site.yml': `- hosts: all\n  tasks:\n${TOUCH}` }, args: ['-e', 'known_hosts_file=/dev/null'] },
];

describe('lab playbook: host trust is the operator\'s decision', function () {
  this.timeout(300_000);
  let lab: Lab;
  let inventoryText: string;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 2, namePrefix: 'tr' });
    inventoryText = await fs.readFile(await lab.inventory(), 'utf8');
    await lab.changeHostKey('tr1'); // the lab's known_hosts still holds tr1's old key: an "intercepted" host
  });
  after(async () => lab?.stop());

  const marks = async () => {
    const out: Record<string, boolean> = {};
    for (const h of lab.hosts) out[h.name] = existsSync(path.join(h.root, 'opt', 'ran'));
    await Promise.all(lab.hosts.map((h) => fs.rm(path.join(h.root, 'opt', 'ran'), { force: true })));
    return out;
  };

  for (const [i, a] of ATTEMPTS.entries()) {
    it(`${a.name} cannot switch host key checking off: the changed key is refused (exit 4) and the attempt is named`, async () => {
      await marks();
      const dir = await writeProject(lab, `attempt-${i}`, a.files);
      const inv = path.join(lab.dir, 'inventory.yml');
      const r = await cli(['run', path.join(dir, 'site.yml'), '-i', inv, ...(a.args ?? [])]);
      const text = r.out + r.err;
      assert.equal(r.code, 4, text);
      assert.match(text, /tr1.*HOST KEY CHANGED/);
      assert.deepEqual(await marks(), { tr1: false, tr2: true }, 'nothing ran on the host with the changed key');
      assert.doesNotMatch(text, /host key checking is OFF/);
      if (a.name !== 'role defaults asking for trust on first use') {
        assert.match(text, /\[WARNING\]: host tr1: (ansible_host_key_checking|host_key_checking|known_hosts_file) set by the playbook .* is ignored/);
      }
    });
  }

  it('the inventory (a group variable) can switch it off: the run connects and warns per host, in human and JSON output', async () => {
    await marks();
    const dir = await writeProject(lab, 'operator-group', { 'site.yml': `- hosts: all\n  tasks:\n${TOUCH}` });
    const inv = path.join(lab.dir, 'inventory-group.yml');
    await fs.writeFile(inv, `${inventoryText}  children:\n    lax:\n      hosts:\n        tr1:\n      vars:\n        ${OFF}\n`);
    const human = await cli(['run', path.join(dir, 'site.yml'), '-i', inv]);
    assert.equal(human.code, 0, human.out + human.err);
    assert.match(human.out, /\[WARNING\]: host tr1: host key checking is OFF/);
    assert.doesNotMatch(human.out, /host tr2: host key checking is OFF/);
    assert.deepEqual(await marks(), { tr1: true, tr2: true });
    const json = await runJson(path.join(dir, 'site.yml'), inv);
    assert.equal(json.code, 0);
    const warnings = (json.json as unknown as { warnings: string[] }).warnings;
    assert.equal(warnings.filter((w) => /^host tr1: host key checking is OFF/.test(w)).length, 1, warnings.join('\n'));
  });

  it('the inventory (a host variable) can switch it off for that host only', async () => {
    await marks();
    const dir = await writeProject(lab, 'operator-host', { 'site.yml': `- hosts: all\n  tasks:\n${TOUCH}` });
    const inv = path.join(lab.dir, 'inventory-host.yml');
    await fs.writeFile(inv, inventoryText.replace(/(    tr1:\n)/, `$1      ${OFF}\n`));
    const r = await cli(['run', path.join(dir, 'site.yml'), '-i', inv]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /\[WARNING\]: host tr1: host key checking is OFF/);
    assert.deepEqual(await marks(), { tr1: true, tr2: true });
  });

  it('the old inventory variable for trust on first use is refused before any host is touched (exit 5)', async () => {
    await marks();
    const dir = await writeProject(lab, 'operator-tofu', { 'site.yml': `- hosts: all\n  tasks:\n${TOUCH}` });
    const inv = path.join(lab.dir, 'inventory-tofu.yml');
    await fs.writeFile(inv, inventoryText.replace(/(    tr2:\n)/, '$1      esbplay_accept_new_host_keys: true\n'));
    const r = await cli(['run', path.join(dir, 'site.yml'), '-i', inv]);
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /esbplay_accept_new_host_keys is not read.*--accept-new-host-keys/);
    assert.deepEqual(await marks(), { tr1: false, tr2: false });
  });

  it('--accept-new-host-keys records an unknown key and says so for that host', async () => {
    await marks();
    const dir = await writeProject(lab, 'cli-tofu', { 'site.yml': `- hosts: tr2\n  tasks:\n${TOUCH}` });
    const kh = path.join(lab.dir, 'known_hosts-empty');
    await fs.writeFile(kh, '');
    const r = await cli(['run', path.join(dir, 'site.yml'), '-i', path.join(lab.dir, 'inventory.yml'), '--known-hosts', kh, '--accept-new-host-keys']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /\[WARNING\]: host tr2: an unknown host key is trusted on first use/);
    assert.match(r.out, /\[WARNING\]: host tr2: its host key SHA256:\S+ was not known; trusted on first use and recorded in /);
    assert.equal((await fs.readFile(kh, 'utf8')).split('\n').filter(Boolean).length, 1);
  });
});
