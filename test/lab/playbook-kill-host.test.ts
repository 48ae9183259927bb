// A lab host dies mid-run: it is UNREACHABLE (exit 4), the others finish every task, and its files are old or new bytes, never partial.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { runJson, strayTempFiles, writeProject } from './lab-playbook.js';

const PLAYBOOK = `
- hosts: all
  tasks:
    - name: app config
      copy:
        src: app.conf
        dest: /opt/app.conf
    - name: wait for the go file
      command:
        argv: [sh, -c, 'touch /opt/waiting; while [ ! -e /opt/go ]; do sleep 0.1; done']
    - name: big payload
      copy:
        src: big.bin
        dest: /opt/big.bin
    - name: done
      command:
        argv: [touch, /opt/done]
`;

async function waitUntil(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('lab playbook: a host killed mid-run', function () {
  this.timeout(180_000);
  let lab: Lab;
  let dir: string;
  const OLD_CONF = Buffer.from('old config\n');
  const OLD_BIG = randomBytes(3 * 1024 * 1024);
  const NEW_CONF = Buffer.from('new config\n'.repeat(1000));
  const NEW_BIG = randomBytes(8 * 1024 * 1024);

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 4, namePrefix: 'kill' });
    dir = await writeProject(lab, 'kill-project', { 'site.yml': PLAYBOOK });
    await fs.mkdir(path.join(dir, 'files'));
    await fs.writeFile(path.join(dir, 'files', 'app.conf'), NEW_CONF);
    await fs.writeFile(path.join(dir, 'files', 'big.bin'), NEW_BIG);
    for (const h of lab.hosts) {
      await fs.writeFile(path.join(h.root, 'opt', 'app.conf'), OLD_CONF);
      await fs.writeFile(path.join(h.root, 'opt', 'big.bin'), OLD_BIG);
    }
  });
  after(async () => lab?.stop());

  it('the killed host is UNREACHABLE with exit 4, the others finish, and no file is half-written', async () => {
    const opt = (host: string, f: string) => path.join(lab.host(host).root, 'opt', f);
    const running = runJson(path.join(dir, 'site.yml'), await lab.inventory());
    await waitUntil('every host in the waiting task', () => lab.hosts.every((h) => existsSync(opt(h.name, 'waiting'))));
    await lab.killHost('kill2');
    for (const h of lab.hosts) if (h.name !== 'kill2') await fs.writeFile(opt(h.name, 'go'), '');
    const r = await running;
    assert.equal(r.code, 4, `${r.out}\n${r.err}`);
    assert.equal(r.json.exit_code, 4);
    assert.deepEqual(r.json.stats.kill2, { ok: 1, changed: 1, unreachable: 1, failed: 0, skipped: 0, rescued: 0, ignored: 0 });
    const waitTask = r.json.plays[0]!.tasks.find((t) => t.task.name === 'wait for the go file')!;
    assert.equal(waitTask.hosts.kill2!.status, 'unreachable');
    assert.match(String(waitTask.hosts.kill2!.result?.msg), /kill2/);
    for (const name of ['kill1', 'kill3', 'kill4']) {
      assert.deepEqual(r.json.stats[name], { ok: 4, changed: 4, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }, name);
      assert.ok(existsSync(opt(name, 'done')));
      assert.deepEqual(await fs.readFile(opt(name, 'big.bin')), NEW_BIG);
    }
    // kill2 wrote its first file completely and never started the later ones
    assert.deepEqual(await fs.readFile(opt('kill2', 'app.conf')), NEW_CONF);
    assert.deepEqual(await fs.readFile(opt('kill2', 'big.bin')), OLD_BIG);
    assert.ok(!existsSync(opt('kill2', 'done')));
    for (const h of lab.hosts) assert.deepEqual(await strayTempFiles(h), [], h.name);
  });

  it('killed while the big file is being written: the target keeps its old bytes or has all the new ones', async () => {
    for (const h of lab.hosts) {
      await fs.writeFile(path.join(h.root, 'opt', 'big.bin'), OLD_BIG);
      await fs.writeFile(path.join(h.root, 'opt', 'go'), '');
    }
    const optDir = path.join(lab.host('kill3').root, 'opt');
    const running = runJson(path.join(dir, 'site.yml'), await lab.inventory());
    // the temp file of the atomic write appears in the target's directory: kill the host right then
    await waitUntil('the temp file of the big write on kill3', () => readdirSync(optDir).some((n) => n.startsWith('.big.bin.esbplay-')));
    await lab.killHost('kill3');
    const r = await running;
    assert.equal(r.code, 4, `${r.out}\n${r.err}`);
    assert.equal(r.json.stats.kill3!.unreachable, 1);
    const big = await fs.readFile(path.join(optDir, 'big.bin'));
    assert.ok(big.equals(OLD_BIG) || big.equals(NEW_BIG), `big.bin is ${big.length} bytes: neither the old nor the new file`);
    for (const name of ['kill1', 'kill4']) assert.deepEqual(await fs.readFile(path.join(lab.host(name).root, 'opt', 'big.bin')), NEW_BIG);
    // a machine that dies mid-write keeps the temp file (nothing is left alive to remove it): only that one
    const stray = await strayTempFiles(lab.host('kill3'));
    assert.ok(stray.every((f) => /^opt\/\.big\.bin\.esbplay-[0-9a-f]+\.tmp$/.test(f)), stray.join(', '));
  });
});
