// Inventory variable origins (file:line:col of the winning definition) for INI and YAML inventories and vars dirs.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInventory } from '../../src/inventory/index.js';

describe('inventory variable origins', () => {
  let dir: string;
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-origin-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('INI: host line tokens, [group:vars], group_vars/ and host_vars/ files, in precedence order', () => {
    write('inv/hosts', '[workers]\nwrk1 node_ip=10.0.0.1   port=4200\nwrk2 node_ip=10.0.0.2\n\n[workers:vars]\nport=4100\nshared=yes\n');
    write('inv/group_vars/all.yml', '# all\ndomain: wso2.esb.domain\nshared: no\n');
    write('inv/host_vars/wrk2.yml', '\nport: 4300\n');
    const inv = loadInventory(path.join(dir, 'inv/hosts'), { cwd: dir });
    const at = (h: string, n: string) => inv.varOrigin!(h, n);
    assert.deepEqual(at('wrk1', 'node_ip'), { file: path.join(dir, 'inv/hosts'), line: 2, col: 6 });
    assert.deepEqual(at('wrk1', 'port'), { file: path.join(dir, 'inv/hosts'), line: 2, col: 25 });
    assert.deepEqual(at('wrk2', 'port'), { file: path.join(dir, 'inv/host_vars/wrk2.yml'), line: 2, col: 1 });
    // group_vars/all.yml ranks above the inventory file's group vars, as in Ansible
    assert.deepEqual(at('wrk2', 'shared'), { file: path.join(dir, 'inv/group_vars/all.yml'), line: 3, col: 1 });
    assert.deepEqual(at('wrk1', 'domain'), { file: path.join(dir, 'inv/group_vars/all.yml'), line: 2, col: 1 });
    assert.equal(at('wrk1', 'nothing'), undefined);
    assert.equal(inv.hostVars('wrk2').port, 4300);
  });

  it('YAML: host vars and group vars keep their own line', () => {
    write('inv/hosts.yml', 'all:\n  children:\n    workers:\n      vars:\n        port: 4100\n      hosts:\n        wrk1:\n          node_ip: 10.0.0.1\n        wrk2: {}\n');
    const inv = loadInventory(path.join(dir, 'inv/hosts.yml'), { cwd: dir });
    assert.equal(inv.varOrigin!('wrk1', 'node_ip')!.line, 8);
    assert.equal(inv.varOrigin!('wrk2', 'port')!.line, 5);
  });
});
