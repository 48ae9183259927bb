// Test hygiene: the helpers that build inventories of local hosts keep pending-handler records inside the test's temp dir, never in /var/lib/esbplay.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInventory } from '../../src/inventory/index.js';
import { localInventory, tempProject } from '../cli/cli-helpers.js';
import { layOut } from '../compat/case-dir.js';
import { cli, keepStateIn, makeProject, play, runCli } from './helpers.js';

const SYSTEM_RECORDS = '/var/lib/esbplay/pending-handlers';

/** A task that changes a file and notifies a handler, then a failure: the handler stays pending (recorded). */
const PENDING = `- hosts: all
  tasks:
    - lineinfile: { path: "{{ root_dir | default(playbook_dir) }}/f.conf", line: "x=1", create: true }
      notify: never runs
    - fail: { msg: stop before the handlers }
  handlers:
    - name: never runs
      debug: { msg: hi }
`;

/** Pending-handler records of the system dir that name this project. */
function systemRecordsOf(dir: string): string[] {
  if (!existsSync(SYSTEM_RECORDS)) return [];
  return readdirSync(SYSTEM_RECORDS).filter((f) => {
    try {
      return readFileSync(path.join(SYSTEM_RECORDS, f), 'utf8').includes(dir);
    } catch {
      return false;
    }
  });
}

function recordsIn(dir: string): string[] {
  const d = path.join(dir, 'state', 'pending-handlers');
  return existsSync(d) ? readdirSync(d) : [];
}

describe('test helpers keep host state in the temp dir', () => {
  it('makeProject (test/engine/helpers.ts): the record is in the project, none in /var/lib/esbplay', async () => {
    const p = makeProject({ hosts: ['h1', 'h2'] });
    try {
      p.write('site.yml', PENDING);
      const r = await runCli(p, 'site.yml');
      assert.equal(r.code, 2, r.err);
      assert.equal(recordsIn(p.dir).length, 2);
      assert.deepEqual(systemRecordsOf(p.dir), []);
    } finally {
      p.cleanup();
    }
  });

  it('tempProject + localInventory (test/cli/cli-helpers.ts): the same', async () => {
    const p = tempProject({ 'inv.yml': localInventory(['c1']), 'site.yml': PENDING });
    try {
      const r = await cli(['run', path.join(p.dir, 'site.yml'), '-i', path.join(p.dir, 'inv.yml')]);
      assert.equal(r.code, 2, r.err);
      assert.equal(recordsIn(p.dir).length, 1);
      assert.deepEqual(systemRecordsOf(p.dir), []);
    } finally {
      p.cleanup();
    }
  });

  it('a compat case laid out (test/compat/case-dir.ts), YAML and INI inventories: the hosts get a state dir in the case dir', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-hygiene-'));
    try {
      for (const [sub, extra] of [['yaml', {}], ['ini', { iniInventory: 'h1\n' }]] as const) {
        const cd = layOut({ name: 'hygiene', files: { 'site.yml': play('- debug: { msg: hi }\n') }, ...extra }, path.join(dir, sub));
        const inv = loadInventory(cd.inventory, { cwd: cd.dir });
        assert.equal(inv.hostVars('h1').esbplay_state_dir, path.join(dir, sub, 'state'), sub);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keepStateIn: a copy of the shipped local inventory keeps its records in the copy', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-hygiene-'));
    try {
      cpSync(path.resolve(import.meta.dirname, '../../inventories/local'), path.join(dir, 'inventories', 'local'), { recursive: true });
      keepStateIn(path.join(dir, 'inventories', 'local'), path.join(dir, 'state'));
      const inv = loadInventory(path.join(dir, 'inventories', 'local'), { cwd: dir });
      for (const h of inv.hosts) assert.equal(inv.hostVars(h).esbplay_state_dir, path.join(dir, 'state'), h);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
