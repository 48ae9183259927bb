// The stat probe answered in-process on the local transport gives exactly what the probe script (stat(1) & co) gives.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalConnection } from '../../src/connection/local.js';
import type { Connection } from '../../src/connection/types.js';
import { probePath, type ProbeRequest } from '../../src/modules/stat-probe.js';
import { FALLBACK, probeLocally } from '../../src/modules/stat-local.js';
import type { ReadContext } from '../../src/modules/types.js';

const local = new LocalConnection('local');
// the same machine through a connection that is not a LocalConnection: the probe script runs
const viaScript: Connection = {
  host: 'local', transport: 'local',
  exec: (a, o) => local.exec(a, o), readFile: (p) => local.readFile(p), writeFile: (p, d) => local.writeFile(p, d),
  stat: (p) => local.stat(p), connectTcp: (h, p) => local.connectTcp(h, p), close: () => local.close(),
};

function ctx(conn: Connection): ReadContext {
  return { host: 'local', conn, checkMode: false, vars: {}, loc: { file: 't.yml', line: 1, col: 1 }, findFile: () => '', renderTemplate: (t) => t, progress: () => undefined } as unknown as ReadContext;
}

describe('stat in-process on the local transport', () => {
  let tmp: string;
  before(async () => {
    tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-statlocal-')));
    await fs.writeFile(path.join(tmp, 'f.txt'), 'hello\n', { mode: 0o640 });
    await fs.writeFile(path.join(tmp, 'big'), Buffer.alloc(300_000, 7));
    await fs.mkdir(path.join(tmp, 'd'));
    await fs.chmod(path.join(tmp, 'd'), 0o2750);
    await fs.symlink('f.txt', path.join(tmp, 'link'));
    await fs.symlink('d', path.join(tmp, 'dirlink'));
    await fs.writeFile(path.join(tmp, 'x'), '#!/bin/sh\n', { mode: 0o4755 });
    await fs.chmod(path.join(tmp, 'x'), 0o4755);
    execFileSync('mkfifo', [path.join(tmp, 'fifo')]);
    await fs.writeFile(path.join(tmp, 'odd $name\nline'), 'x');
  });
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  const names = ['f.txt', 'big', 'd', 'link', 'dirlink', 'x', 'fifo', 'odd $name\nline', 'missing', 'f.txt/below'];
  for (const follow of [false, true]) {
    for (const checksum of [undefined, 'sha1', 'md5', 'sha512'] as const) {
      it(`same facts as the probe script (follow ${follow}, checksum ${checksum ?? 'none'})`, async () => {
        for (const n of [...names, '/dev/null', '/']) {
          const req: ProbeRequest = { path: n.startsWith('/') ? n : path.join(tmp, n), follow, checksum, mime: false, attributes: false };
          const inProcess = await probeLocally(req);
          assert.notEqual(inProcess, FALLBACK, `${n}: answered in process`);
          // a checksum read (or a link's readlink) moves the atime between the two probes: compared below
          const facts = (p: unknown) => (p ? { ...(p as object), atime: 0 } : p);
          assert.deepEqual(facts(inProcess), facts(await probePath(ctx(viaScript), req)), n);
          assert.deepEqual(facts(await probePath(ctx(local), req)), facts(inProcess), n);
        }
      });
    }
  }

  it('the same atime (to the nanosecond, as %.9X prints it) when nothing reads the file', async () => {
    const req: ProbeRequest = { path: path.join(tmp, 'd'), follow: false, mime: false, attributes: false };
    const a = await probeLocally(req);
    const b = await probePath(ctx(viaScript), req);
    assert.ok(a && a !== FALLBACK && b);
    assert.equal(a.atime, b.atime);
    assert.equal(a.mtime, b.mtime);
  });

  it('leaves to the probe script what it cannot answer the same way: mime, attributes, a dangling link', async () => {
    const f = path.join(tmp, 'f.txt');
    assert.equal(await probeLocally({ path: f, follow: false, mime: true, attributes: false }), FALLBACK);
    assert.equal(await probeLocally({ path: f, follow: false, mime: false, attributes: true }), FALLBACK);
    await fs.symlink('nowhere/at/all', path.join(tmp, 'dangling'));
    const req: ProbeRequest = { path: path.join(tmp, 'dangling'), follow: false, mime: false, attributes: false };
    assert.equal(await probeLocally(req), FALLBACK);
    assert.deepEqual(await probePath(ctx(local), req), await probePath(ctx(viaScript), req));
  });
});
