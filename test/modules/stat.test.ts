// stat: Ansible's result keys on real files, directories, links and devices; compared key by key with ansible-playbook's stat.

import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { LocalConnection } from '../../src/connection/local.js';
import { statModule } from '../../src/modules/stat.js';
import { hasTool } from './op-harness.js';
import { runTask } from './plan-apply.js';

const conn = new LocalConnection('local');
type Obj = Record<string, unknown>;

async function statOf(args: Obj, checkMode = false): Promise<Obj> {
  const o = await runTask(statModule, args, conn, checkMode);
  assert.equal(o.status, 'ok', 'stat never changes anything');
  assert.equal(o.plan.changes.length, 0);
  return o.result.stat as Obj;
}

describe('stat', () => {
  let tmp: string;
  before(async () => {
    tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-stat-')));
    await fs.writeFile(path.join(tmp, 'f.txt'), 'hello\n', { mode: 0o640 });
    await fs.chmod(path.join(tmp, 'f.txt'), 0o640);
    await fs.mkdir(path.join(tmp, 'd'));
    await fs.chmod(path.join(tmp, 'd'), 0o2750);
    await fs.symlink('f.txt', path.join(tmp, 'link'));
    await fs.symlink('nowhere', path.join(tmp, 'dangling'));
    await fs.writeFile(path.join(tmp, 'suid'), '#!/bin/sh\n');
    await fs.chmod(path.join(tmp, 'suid'), 0o4755);
    execFileSync('mkfifo', [path.join(tmp, 'fifo')]);
    await fs.writeFile(path.join(tmp, 'new line\nname'), 'x');
  });
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  it('a missing path: exists false and nothing else', async () => {
    assert.deepEqual(await statOf({ path: path.join(tmp, 'missing') }), { exists: false });
    assert.deepEqual(await statOf({ path: path.join(tmp, 'f.txt', 'below-a-file') }), { exists: false });
  });

  it('a regular file: mode string, kind flags, owner names, size, sha1 checksum', async () => {
    const s = await statOf({ path: path.join(tmp, 'f.txt') });
    const st = await fs.stat(path.join(tmp, 'f.txt'));
    assert.equal(s.exists, true);
    assert.equal(s.mode, '0640');
    assert.equal(s.isreg, true);
    assert.equal(s.isdir, false);
    assert.equal(s.size, 6);
    assert.equal(s.uid, st.uid);
    assert.equal(s.inode, st.ino);
    assert.equal(s.nlink, 1);
    assert.equal(s.pw_name, os.userInfo().username);
    assert.equal(s.checksum, createHash('sha1').update('hello\n').digest('hex'));
    assert.equal(Math.round(s.mtime as number), Math.round(st.mtimeMs / 1000));
    assert.deepEqual([s.rusr, s.wusr, s.xusr, s.rgrp, s.wgrp, s.xgrp, s.roth], [true, true, false, true, false, false, false]);
    assert.equal((await statOf({ path: path.join(tmp, 'f.txt'), checksum_algorithm: 'sha256' })).checksum, createHash('sha256').update('hello\n').digest('hex'));
    assert.equal((await statOf({ path: path.join(tmp, 'f.txt'), get_checksum: false })).checksum, undefined);
  });

  it('symlinks: lnk_target/lnk_source without follow, the target with follow, dangling + follow is absent', async () => {
    const l = await statOf({ path: path.join(tmp, 'link') });
    assert.equal(l.islnk, true);
    assert.equal(l.lnk_target, 'f.txt');
    assert.equal(l.lnk_source, path.join(tmp, 'f.txt'));
    assert.equal(l.checksum, undefined, 'no checksum of a link itself');
    const f = await statOf({ path: path.join(tmp, 'link'), follow: true });
    assert.equal(f.isreg, true);
    assert.equal(f.mode, '0640');
    assert.equal((await statOf({ path: path.join(tmp, 'dangling') })).islnk, true);
    assert.deepEqual(await statOf({ path: path.join(tmp, 'dangling'), follow: true }), { exists: false });
  });

  it('directories with setgid, setuid files, fifos, character devices, odd names; mime on request; check mode the same', async () => {
    const d = await statOf({ path: path.join(tmp, 'd') });
    assert.deepEqual([d.isdir, d.mode, d.isgid], [true, '2750', true]);
    assert.deepEqual([(await statOf({ path: path.join(tmp, 'suid') })).isuid, (await statOf({ path: path.join(tmp, 'suid') })).mode], [true, '4755']);
    assert.equal((await statOf({ path: path.join(tmp, 'fifo') })).isfifo, true);
    const n = await statOf({ path: '/dev/null' });
    assert.deepEqual([n.ischr, n.device_type], [true, 259]);
    assert.equal((await statOf({ path: path.join(tmp, 'new line\nname') })).size, 1);
    if (hasTool('file')) {
      const m = await statOf({ path: path.join(tmp, 'f.txt'), get_mime: true });
      assert.deepEqual([m.mimetype, m.charset], ['text/plain', 'us-ascii']);
    }
    assert.deepEqual(await statOf({ path: path.join(tmp, 'f.txt') }, true), { ...(await statOf({ path: path.join(tmp, 'f.txt') })), atime: (await statOf({ path: path.join(tmp, 'f.txt') }, true)).atime });
  });

  it('gives the same keys and values as ansible-playbook\'s stat (atime aside)', async function () {
    if (!hasTool('ansible-playbook')) {
      if (process.env.CI === 'true') throw new Error('ansible-playbook is missing and CI=true');
      this.skip();
    }
    this.timeout(120_000);
    const probes: Obj[] = [
      { path: path.join(tmp, 'f.txt') },
      { path: path.join(tmp, 'd') },
      { path: path.join(tmp, 'link') },
      { path: path.join(tmp, 'link'), follow: true },
      { path: path.join(tmp, 'dangling') },
      { path: path.join(tmp, 'suid'), checksum_algorithm: 'md5' },
      { path: path.join(tmp, 'fifo') },
      { path: '/dev/null' },
      { path: path.join(tmp, 'missing') },
      { path: path.join(tmp, 'f.txt'), get_mime: true, get_attributes: true },
    ];
    const out = path.join(tmp, 'ansible.json');
    const tasks = [
      ...probes.map((p, i) => ({ stat: { get_mime: false, get_attributes: false, ...p }, register: `s${i}` })),
      { copy: { dest: out, content: `{{ [${probes.map((_, i) => `s${i}.stat`).join(', ')}] | to_json }}` } },
    ];
    const play = path.join(tmp, 'play.yml');
    await fs.writeFile(play, stringify([{ hosts: 'localhost', gather_facts: false, tasks }], { version: '1.1' }));
    await promisify(execFile)('ansible-playbook', ['-i', 'localhost,', '-c', 'local', play]).catch((e: { stdout?: string }) => assert.fail(`ansible-playbook failed:\n${e.stdout}`));
    const theirs = JSON.parse(await fs.readFile(out, 'utf8')) as Obj[];
    for (const [i, p] of probes.entries()) {
      const mine = await statOf(p);
      const strip = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'atime'));
      assert.deepEqual(strip(mine), strip(theirs[i]!), `stat ${JSON.stringify(p)}`);
    }
  });
});
