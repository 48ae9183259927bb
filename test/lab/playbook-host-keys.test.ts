// Host keys through the whole engine on real sshd: a changed key stops that host before any command, --accept-new-host-keys records unknown ones.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { hostKeyPath } from './lab-sshd.js';
import { cli } from '../engine/helpers.js';
import { writeProject } from './lab-playbook.js';

const PLAYBOOK = `
- hosts: all
  tasks:
    - name: mark the host
      command:
        argv: [touch, /opt/ran]
`;

function fingerprint(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' }).split(' ')[1]!;
}

describe('lab playbook: host keys', function () {
  this.timeout(120_000);
  let lab: Lab;
  let playbook: string;
  let inventoryText: string;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 4, namePrefix: 'kh' });
    inventoryText = await fs.readFile(await lab.inventory(), 'utf8');
    playbook = path.join(await writeProject(lab, 'kh-project', { 'site.yml': PLAYBOOK }), 'site.yml');
  });
  after(async () => lab?.stop());

  const clearMarks = () => Promise.all(lab.hosts.map((h) => fs.rm(path.join(h.root, 'opt', 'ran'), { force: true })));
  const ran = (name: string) => existsSync(path.join(lab.host(name).root, 'opt', 'ran'));
  /** an inventory like the lab's, but with its own known_hosts file holding these lines */
  const inventoryWith = async (tag: string, knownHosts: string) => {
    const kh = path.join(lab.dir, `known_hosts-${tag}`);
    await fs.writeFile(kh, knownHosts);
    const inv = path.join(lab.dir, `inventory-${tag}.yml`);
    await fs.writeFile(inv, inventoryText.replace(`known_hosts_file: ${lab.knownHostsFile}`, `known_hosts_file: ${kh}`));
    return { inv, kh };
  };

  it('an unknown host is refused without --accept-new-host-keys, then accepted and recorded with it', async () => {
    await clearMarks();
    const lines = (await fs.readFile(lab.knownHostsFile, 'utf8')).split('\n').filter(Boolean);
    const kh4 = lab.host('kh4');
    const withoutKh4 = lines.filter((l) => !l.startsWith(`${kh4.address} `));
    assert.equal(withoutKh4.length, 3);
    const { inv, kh } = await inventoryWith('new', `${withoutKh4.join('\n')}\n`);
    const refused = await cli(['run', playbook, '-i', inv]);
    assert.equal(refused.code, 4, refused.out + refused.err);
    assert.match(refused.out + refused.err, /kh4.*host key not known/);
    assert.ok(!ran('kh4'));
    assert.ok(ran('kh1') && ran('kh2') && ran('kh3'));
    assert.equal((await fs.readFile(kh, 'utf8')).split('\n').filter(Boolean).length, 3, 'nothing recorded without the flag');

    await clearMarks();
    const accepted = await cli(['run', playbook, '-i', inv, '--accept-new-host-keys']);
    assert.equal(accepted.code, 0, accepted.out + accepted.err);
    assert.ok(lab.hosts.every((h) => ran(h.name)));
    const recorded = (await fs.readFile(kh, 'utf8')).split('\n').filter(Boolean);
    assert.equal(recorded.length, 4);
    const pub = (await fs.readFile(`${hostKeyPath(kh4.root)}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    assert.equal(recorded[3], `${kh4.address} ${pub}`);
    // the recorded key now verifies without the flag
    await clearMarks();
    assert.equal((await cli(['run', playbook, '-i', inv])).code, 0);
  });

  it('a changed host key stops that host before any command (exit 4, host and SHA256 fingerprint named), even with --accept-new-host-keys', async () => {
    await clearMarks();
    await lab.changeHostKey('kh3');
    const fp = fingerprint(`${hostKeyPath(lab.host('kh3').root)}.pub`);
    const { inv } = await inventoryWith('changed', await fs.readFile(lab.knownHostsFile, 'utf8'));
    for (const extra of [[], ['--accept-new-host-keys']]) {
      await clearMarks();
      const r = await cli(['run', playbook, '-i', inv, ...extra]);
      assert.equal(r.code, 4, r.out + r.err);
      const text = r.out + r.err;
      assert.match(text, /UNREACHABLE/);
      const line = text.split('\n').find((l) => l.includes('kh3') && l.includes(fp));
      assert.ok(line, `no message names kh3 with ${fp}:\n${text}`);
      assert.match(line!, /changed/i);
      assert.ok(!ran('kh3'), 'no command ran on the host with the changed key');
      assert.ok(ran('kh1') && ran('kh2') && ran('kh4'), 'the other hosts ran');
      assert.match(text, /kh3\s*:\s*ok=0\s+changed=0\s+unreachable=1/);
    }
  });
});
