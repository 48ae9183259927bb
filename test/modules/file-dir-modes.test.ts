// file state=directory: mode/owner land on every directory it creates (checked on disk, and against ansible-playbook).

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileModule } from '../../src/modules/file.js';
import { hasTool, runModule } from './op-harness.js';

async function modesBelow(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const st = await fs.lstat(p);
      out[path.relative(root, p)] = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
      if (e.isDirectory()) await walk(p);
    }
  };
  await walk(root);
  return out;
}

describe('file: state=directory with mode on created parents', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-dirmodes-')));
  });
  afterEach(() => fs.rm(tmp, { recursive: true, force: true }));

  it('every created directory gets the mode, the existing parent keeps its own; second run and check mode change nothing', async () => {
    await fs.mkdir(path.join(tmp, 'old'), { mode: 0o755 });
    await fs.chmod(path.join(tmp, 'old'), 0o755);
    const args = { path: path.join(tmp, 'old/a/b/c'), state: 'directory', mode: '0750' };
    const check = await runModule(fileModule, args, { checkMode: true });
    assert.equal(check.applied, 0);
    assert.deepEqual(await modesBelow(tmp), { old: `755 ${process.getuid!()}:${process.getgid!()}` }, 'check mode wrote nothing');
    const first = await runModule(fileModule, args);
    assert.ok(first.plan.changes.length > 0);
    const id = `${process.getuid!()}:${process.getgid!()}`;
    assert.deepEqual(await modesBelow(tmp), { old: `755 ${id}`, 'old/a': `750 ${id}`, 'old/a/b': `750 ${id}`, 'old/a/b/c': `750 ${id}` });
    const again = await runModule(fileModule, args);
    assert.equal(again.plan.changes.length, 0);
    assert.match(again.plan.noopReason ?? '', /already a directory/);
  });

  it('owner and group go to every created directory', async function () {
    if (process.getuid?.() !== 0) this.skip();
    await runModule(fileModule, { path: path.join(tmp, 'x/y'), state: 'directory', owner: 'nobody', group: 'nogroup', mode: '0700' });
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    const nogroup = Number(execFileSync('getent', ['group', 'nogroup'], { encoding: 'utf8' }).split(':')[2]);
    assert.deepEqual(await modesBelow(tmp), { x: `700 ${nobody}:${nogroup}`, 'x/y': `700 ${nobody}:${nogroup}` });
  });

  it('leaves the same modes on disk as ansible-playbook', async function () {
    if (!hasTool('ansible-playbook')) {
      if (process.env.CI === 'true') throw new Error('ansible-playbook is missing and CI=true');
      this.skip();
    }
    this.timeout(120_000);
    for (const side of ['ansible', 'esbplay']) await fs.mkdir(path.join(tmp, side, 'keep'), { recursive: true, mode: 0o711 });
    for (const side of ['ansible', 'esbplay']) await fs.chmod(path.join(tmp, side, 'keep'), 0o711);
    const play = path.join(tmp, 'play.yml');
    await fs.writeFile(play, `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - file: { path: "${tmp}/ansible/keep/a/b/c", state: directory, mode: "0750" }\n`);
    execFileSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', play], { stdio: 'ignore', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    await runModule(fileModule, { path: `${tmp}/esbplay/keep/a/b/c`, state: 'directory', mode: '0750' });
    assert.deepEqual(await modesBelow(path.join(tmp, 'esbplay')), await modesBelow(path.join(tmp, 'ansible')));
  });
});
