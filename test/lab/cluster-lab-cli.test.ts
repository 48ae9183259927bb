// lab:up / lab:down / lab:status as a user runs them: detached lab, printed instructions that work, refusal of a second lab, clean stop, a dead owner.

import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireClusterLab } from './cluster-base.js';
import { findProcessesIn } from './cluster-namespace.js';
import type { LabState } from './lab-state.js';
import { cli } from '../engine/helpers.js';

const run = promisify(execFile);
const CLI = path.resolve('test/lab/lab-cli.ts');

describe('cluster lab: npm run lab:up / lab:down', function () {
  this.timeout(180_000);
  let stateDir: string;
  const env = () => ({ ...process.env, ESBPLAY_LAB_STATE_DIR: stateDir });
  const lab = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { env: env(), encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const state = async () => JSON.parse(await fs.readFile(path.join(stateDir, 'state.json'), 'utf8')) as LabState;

  before(async function () {
    requireClusterLab(this);
    stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-lab-cli-'));
  });
  after(async () => {
    if (!stateDir) return;
    await lab('down');
    await fs.rm(stateDir, { recursive: true, force: true });
  });

  it('up starts a detached lab and prints commands that work; a second up refuses; down ends every process and file', async () => {
    const up = await lab('up', '--workers', '1');
    assert.equal(up.code, 0, up.out + up.err);
    const s = await state();
    assert.deepEqual(s.hosts.map((h) => h.name), ['lb', 'db', 'mgr', 'wrk1']);
    assert.match(up.out, new RegExp(`Inventory: ${s.inventory}\n`));
    const sshLine = up.out.split('\n').find((l) => l.trim().startsWith('ssh '))!.trim().split('#')[0]!.trim().split(/\s+/);
    const ssh = await run(sshLine[0]!, [...sshLine.slice(1), 'hostname']);
    assert.equal(ssh.stdout, 'lb\n');
    assert.deepEqual(await listHosts(s.inventory), ['lb', 'db', 'mgr', 'wrk1']);

    const again = await lab('up');
    assert.equal(again.code, 1);
    assert.match(again.err, /already running .*inventory: .*\n.*npm run lab:down/);
    assert.equal((await lab('status')).code, 0);

    const down = await lab('down');
    assert.equal(down.code, 0, down.err);
    assert.match(down.out, /cluster lab stopped in [\d.]+ s; .* removed/);
    assert.deepEqual(findProcessesIn(s.processes.map((p) => p.pidNs)), []);
    assert.ok(!existsSync(s.dir));
    assert.ok(!existsSync(path.join(stateDir, 'state.json')));
    assert.match((await lab('down')).out, /no cluster lab is running/);
  });

  it('down (and up) clean up after an owner that was killed: hosts killed by pid 1 of their recorded namespace', async () => {
    assert.equal((await lab('up', '--workers=0')).code, 0);
    const s = await state();
    process.kill(s.ownerPid, 'SIGKILL');
    for (let i = 0; i < 100 && existsSync(`/proc/${s.ownerPid}/stat`); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(findProcessesIn(s.processes.map((p) => p.pidNs)).length >= 3, 'the hosts outlive their owner');
    assert.equal((await lab('status')).code, 1);
    const down = await lab('down');
    assert.match(down.out, /its owner was gone: killed 3 host\(s\) directly/);
    assert.deepEqual(findProcessesIn(s.processes.map((p) => p.pidNs)), []);
    assert.ok(!existsSync(s.dir));
  });

  it('rejects a bad --workers with usage (exit 2)', async () => {
    const r = await lab('up', '--workers', 'many');
    assert.equal(r.code, 2);
    assert.match(r.err, /--workers takes a number from 0 to 200/);
  });
});

/** The inventory's hosts as the esbplay CLI lists them for a play on all hosts. */
async function listHosts(inventory: string): Promise<string[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-lab-cli-pb-'));
  try {
    await fs.writeFile(path.join(dir, 'site.yml'), '- hosts: all\n  tasks: []\n');
    const r = await cli(['run', path.join(dir, 'site.yml'), '-i', inventory, '--list-hosts']);
    assert.equal(r.code, 0, r.out + r.err);
    return r.out.split('\n').map((l) => l.trim()).filter((l) => /^(lb|db|mgr|wrk\d+)$/.test(l));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
