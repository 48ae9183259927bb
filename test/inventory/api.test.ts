// The Inventory object the executor uses: magic vars, unknown hosts, hostLoc, implicit localhost.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isUserError } from '../../src/errors.js';
import { loadInventory, type Inventory } from '../../src/inventory/index.js';
import { removeTree, writeTree } from './fixture.js';

describe('inventory API', () => {
  let root: string;
  let inv: Inventory;
  before(() => {
    root = writeTree({ 'inventories/prod/hosts.ini': '[esb:children]\nmgr\n[mgr]\nmgr1.example.com\n[mgr:hosts]\nmgr2\n' });
    inv = loadInventory('prod', { cwd: root });
  });
  after(() => removeTree(root));

  it('magicVars gives Ansible magic variables', () => {
    const dir = join(root, 'inventories', 'prod');
    assert.deepEqual(inv.magicVars('mgr1.example.com'), {
      inventory_hostname: 'mgr1.example.com',
      inventory_hostname_short: 'mgr1',
      group_names: ['esb', 'mgr'],
      groups: { all: ['mgr1.example.com', 'mgr2'], ungrouped: [], esb: ['mgr1.example.com', 'mgr2'], mgr: ['mgr1.example.com', 'mgr2'] },
      inventory_dir: dir,
      inventory_file: join(dir, 'hosts.ini'),
    });
  });

  it('an unknown host is a UserError with a suggestion', () => {
    assert.throws(() => inv.hostVars('mgr3'), (e) => isUserError(e) && /unknown host 'mgr3'.*did you mean 'mgr2'/.test(e.message));
    assert.throws(() => inv.groupNames('nope'), (e) => isUserError(e) && /unknown host 'nope'/.test(e.message));
  });

  it('knows where each host was defined', () => {
    assert.deepEqual(inv.hostLoc('mgr2'), { file: join(root, 'inventories/prod/hosts.ini'), line: 6, col: 1 });
    assert.equal(inv.hasHost('mgr2'), true);
    assert.equal(inv.hasHost('localhost'), false);
    assert.equal(inv.hostLoc('localhost'), undefined);
  });

  it('the implicit localhost has no groups', () => {
    assert.deepEqual(inv.groupNames('localhost'), []);
    assert.deepEqual(inv.hostVars('127.0.0.1'), { ansible_connection: 'local' });
  });

  it('groups() returns fresh lists', () => {
    inv.groups()['mgr']!.push('x');
    assert.deepEqual(inv.groups()['mgr'], ['mgr1.example.com', 'mgr2']);
  });
});
