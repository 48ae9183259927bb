// unarchive module: real tar/zip archives made from a temp tree, unpacked through the local connection.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unarchiveModule } from '../../src/modules/unarchive.js';
import { ensureTools, runModule } from './op-harness.js';

const FORMATS: Record<string, string[]> = {
  'esb.tar.gz': ['tar', '-czf'],
  'esb.tar.bz2': ['tar', '-cjf'],
  'esb.tar.xz': ['tar', '-cJf'],
  'esb.tar': ['tar', '-cf'],
};

describe('unarchive module', function () {
  let root: string;
  let files: string;
  let dest: string;

  before(async function () {
    if (!ensureTools({ tar: 'tar', zip: 'zip', unzip: 'unzip', bzip2: 'bzip2', xz: 'xz-utils' })) this.skip();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-unarchive-'));
    files = path.join(root, 'files');
    const tree = path.join(root, 'tree', 'wso2esb-5.0.0');
    await fs.mkdir(path.join(tree, 'bin'), { recursive: true });
    await fs.mkdir(path.join(tree, 'repository', 'conf'), { recursive: true });
    await fs.mkdir(files);
    await fs.writeFile(path.join(tree, 'bin', 'wso2server.sh'), '#!/bin/sh\necho start\n', { mode: 0o755 });
    await fs.writeFile(path.join(tree, 'repository', 'conf', 'axis2 config.xml'), '<axisconfig/>\n');
    await fs.symlink('bin/wso2server.sh', path.join(tree, 'start.sh'));
    const cwd = path.join(root, 'tree');
    for (const [name, cmd] of Object.entries(FORMATS)) execFileSync(cmd[0]!, [...cmd.slice(1), path.join(files, name), 'wso2esb-5.0.0'], { cwd });
    execFileSync('zip', ['-q', '-r', '-y', path.join(files, 'esb.zip'), 'wso2esb-5.0.0'], { cwd });
    await fs.writeFile(path.join(files, 'notes.txt'), 'not an archive\n');
  });
  after(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    dest = await fs.mkdtemp(path.join(root, 'dest-'));
  });

  const unpacked = (...p: string[]) => path.join(dest, 'wso2esb-5.0.0', ...p);

  for (const name of [...Object.keys(FORMATS), 'esb.zip']) {
    it(`unpacks ${name} from the controller, then is a no-op`, async () => {
      const first = await runModule(unarchiveModule, { src: name, dest }, { filesDir: files });
      assert.equal(first.plan.failed, undefined);
      assert.equal(first.plan.changes.length, 1);
      assert.equal(await fs.readFile(unpacked('bin', 'wso2server.sh'), 'utf8'), '#!/bin/sh\necho start\n');
      assert.equal(await fs.readFile(unpacked('repository', 'conf', 'axis2 config.xml'), 'utf8'), '<axisconfig/>\n');
      assert.equal(await fs.readlink(unpacked('start.sh')), 'bin/wso2server.sh');
      const again = await runModule(unarchiveModule, { src: name, dest }, { filesDir: files });
      assert.equal(again.plan.changes.length, 0, JSON.stringify(again.plan));
      assert.match(again.plan.noopReason ?? '', new RegExp(`all \\d+ entries of ${name.replace(/\./g, '\\.')} are already in`));
    });
  }

  it('check mode predicts the change and unpacks nothing', async () => {
    const r = await runModule(unarchiveModule, { src: 'esb.zip', dest }, { filesDir: files, checkMode: true });
    assert.equal(r.plan.changes.length, 1);
    assert.match(r.plan.changes[0]!.summary, /unpack esb\.zip into .*: \d+ of \d+ entries missing or different/);
    assert.deepEqual(await fs.readdir(dest), []);
  });

  it('unpacks again when a file under dest changed size, and lists files on request', async () => {
    await runModule(unarchiveModule, { src: 'esb.tar.gz', dest }, { filesDir: files });
    await fs.appendFile(unpacked('bin', 'wso2server.sh'), 'echo edited\n');
    const r = await runModule(unarchiveModule, { src: 'esb.tar.gz', dest, list_files: true }, { filesDir: files });
    assert.equal(r.plan.changes.length, 1);
    assert.match(r.plan.changes[0]!.diff?.before ?? '', /wso2esb-5\.0\.0\/bin\/wso2server\.sh \(size \d+, archive 21\)/);
    assert.ok((r.result.files as string[]).includes('wso2esb-5.0.0/repository/conf/axis2 config.xml'));
    assert.equal(await fs.readFile(unpacked('bin', 'wso2server.sh'), 'utf8'), '#!/bin/sh\necho start\n');
  });

  it('creates makes it a no-op without reading the archive', async () => {
    await fs.mkdir(path.join(dest, 'wso2esb-5.0.0'));
    const r = await runModule(unarchiveModule, { src: 'esb.zip', dest, creates: path.join(dest, 'wso2esb-5.0.0') }, { filesDir: files });
    assert.equal(r.plan.changes.length, 0);
    assert.match(r.plan.noopReason ?? '', /exists \(creates\)/);
  });

  it('unpacks an archive already on the host (remote_src) with --strip-components', async () => {
    const args = { src: path.join(files, 'esb.zip'), dest, remote_src: true };
    assert.equal((await runModule(unarchiveModule, args)).plan.changes.length, 1);
    assert.ok(await fs.stat(unpacked('bin', 'wso2server.sh')));
    const tarArgs = { src: path.join(files, 'esb.tar.gz'), dest, remote_src: true, extra_opts: ['--strip-components=1'] };
    assert.equal((await runModule(unarchiveModule, tarArgs)).plan.changes.length, 1);
    assert.ok(await fs.stat(path.join(dest, 'bin', 'wso2server.sh')));
    assert.equal((await runModule(unarchiveModule, tarArgs)).plan.changes.length, 0);
  });

  it('member patterns in extra_opts (tar --wildcards) unpack only those members, into dest', async () => {
    const only = path.join(dest, 'only');
    await fs.mkdir(only);
    const cwd = process.cwd();
    const args = { src: path.join(files, 'esb.tar.gz'), dest: only, remote_src: true, extra_opts: ['--wildcards', '*/bin/*'] };
    assert.equal((await runModule(unarchiveModule, args)).plan.changes.length, 1);
    assert.ok(await fs.stat(path.join(only, 'wso2esb-5.0.0', 'bin', 'wso2server.sh')));
    await assert.rejects(fs.stat(path.join(only, 'wso2esb-5.0.0', 'repository')));
    await assert.rejects(fs.stat(path.join(cwd, 'wso2esb-5.0.0')), 'nothing unpacked into the current directory');
  });

  it('applies mode (and owner as root) to every entry, and compares them next time', async () => {
    const owner = process.getuid?.() === 0 ? { owner: 'nobody' } : {};
    const args = { src: 'esb.tar.gz', dest, mode: '0750', ...owner };
    await runModule(unarchiveModule, args, { filesDir: files });
    const st = await fs.stat(unpacked('repository', 'conf', 'axis2 config.xml'));
    assert.equal(st.mode & 0o7777, 0o750);
    if (owner.owner) assert.notEqual(st.uid, 0);
    assert.equal((await runModule(unarchiveModule, args, { filesDir: files })).plan.changes.length, 0);
    assert.equal((await runModule(unarchiveModule, { ...args, mode: '0700' }, { filesDir: files })).plan.changes.length, 1);
  });

  it('fails clearly for a missing dest, a missing remote src and a file that is not an archive', async () => {
    const noDest = await runModule(unarchiveModule, { src: 'esb.zip', dest: path.join(dest, 'nope') }, { filesDir: files });
    assert.match(noDest.plan.failed ?? '', /dest .*nope does not exist on testhost or is not a directory/);
    const noSrc = await runModule(unarchiveModule, { src: path.join(root, 'missing.zip'), dest, remote_src: true });
    assert.match(noSrc.plan.failed ?? '', /src .*missing\.zip does not exist on testhost/);
    const notArchive = await runModule(unarchiveModule, { src: 'notes.txt', dest }, { filesDir: files });
    assert.match(notArchive.plan.failed ?? '', /cannot tell the archive format of .*notes\.txt/);
  });
});
