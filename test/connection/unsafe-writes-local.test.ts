// unsafe_writes on the local connection: a file bind-mounted over another (in a private mount namespace) is refused, or rewritten in place when asked.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeProject, play, type Project } from '../engine/helpers.js';
import { runCliChild } from './cli-child.js';

/** unshare(1) with a bind mount of $1 over $2, then the rest of argv */
const MOUNT = ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount --bind "$1" "$2" && shift 2 && exec "$@"', 'sh'];

function canMount(): string | null {
  if (process.getuid?.() !== 0) return 'needs root for a bind mount';
  const r = spawnSync('unshare', ['--mount', '--', 'true']);
  return r.status === 0 ? null : 'unshare --mount is not available';
}

describe('local connection: unsafe_writes on a bind-mounted file', function () {
  this.timeout(60_000);
  let p: Project;
  before(function () {
    const why = canMount();
    if (why) {
      if (process.env.CI === 'true') throw new Error(why);
      this.skip();
    }
  });
  beforeEach(() => {
    p = makeProject({ hosts: ['h1'], seed: { 'etc/hosts': '127.0.0.1 localhost\n' } });
    mkdirSync(path.join(p.dir, 'mounted'), { recursive: true });
    writeFileSync(path.join(p.dir, 'mounted', 'hosts'), '127.0.0.1 localhost\n');
  });
  afterEach(() => p.cleanup());

  const run = (unsafe: boolean) => {
    p.write('site.yml', play(`- lineinfile:\n    path: "{{ root_dir }}/etc/hosts"\n    line: "10.1.1.1 esb"\n    unsafe_writes: ${unsafe}\n`));
    return runCliChild(['run', path.join(p.dir, 'site.yml'), '-i', p.inventory], { wrap: [...MOUNT, path.join(p.dir, 'mounted', 'hosts'), p.file('h1', 'etc/hosts')] });
  };

  it('refuses by default (exit 2, the file untouched, the message names unsafe_writes)', async () => {
    const r = await run(false);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.out, /cannot write .*etc\/hosts: it is a mount point .*unsafe_writes: true/);
    assert.equal(readFileSync(path.join(p.dir, 'mounted', 'hosts'), 'utf8'), '127.0.0.1 localhost\n');
  });

  it('rewrites the mounted file in place with unsafe_writes: true', async () => {
    const r = await run(true);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(readFileSync(path.join(p.dir, 'mounted', 'hosts'), 'utf8'), '127.0.0.1 localhost\n10.1.1.1 esb\n');
    assert.equal(readFileSync(p.file('h1', 'etc/hosts'), 'utf8'), '127.0.0.1 localhost\n', 'outside the namespace the mount point is the old file');
  });
});
