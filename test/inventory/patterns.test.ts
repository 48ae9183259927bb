// Host patterns: union, intersection, exclusion, wildcards, regex, subscripts, --limit.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInventory, selectHosts, splitPattern, type Inventory } from '../../src/inventory/index.js';
import { isUserError } from '../../src/errors.js';
import { removeTree, writeTree } from './fixture.js';

const INI = `
ctl
[manager]
mgr1
[worker]
wrk[01:03]
[db]
db-[a:b]
[esb:children]
manager
worker
[prod:children]
esb
db
[canary]
wrk02
[retired]
`;

describe('host patterns', () => {
  let root: string;
  let inv: Inventory;
  before(() => {
    root = writeTree({ 'hosts.ini': INI, 'retry.txt': 'wrk01\n# a comment\n\ndb-b\n' });
    inv = loadInventory(join(root, 'hosts.ini'));
  });
  after(() => removeTree(root));

  // the orders are ansible 2.14's (InventoryManager.get_hosts): a group's own hosts, then its children's, breadth first
  const cases: [string, string[], RegExp?][] = [
    ['all', ['ctl', 'wrk02', 'db-a', 'db-b', 'mgr1', 'wrk01', 'wrk03']],
    ['*', ['ctl', 'wrk02', 'db-a', 'db-b', 'mgr1', 'wrk01', 'wrk03']],
    ['worker', ['wrk01', 'wrk02', 'wrk03']],
    ['wrk02', ['wrk02']],
    ['ungrouped', ['ctl']],
    ['esb', ['mgr1', 'wrk01', 'wrk02', 'wrk03']],
    ['db:manager', ['db-a', 'db-b', 'mgr1']],
    ['db,manager', ['db-a', 'db-b', 'mgr1']],
    ['db, manager ,db', ['db-a', 'db-b', 'mgr1']],
    ['prod:&worker', ['wrk01', 'wrk02', 'wrk03']],
    ['prod:!worker', ['db-a', 'db-b', 'mgr1']],
    ['!worker:prod', ['db-a', 'db-b', 'mgr1']],
    ['!worker', ['ctl', 'db-a', 'db-b', 'mgr1']],
    ['&worker:!canary', ['wrk01', 'wrk03']],
    ['worker:!canary:db:&prod', ['wrk01', 'wrk03', 'db-a', 'db-b']],
    ['wrk*', ['wrk01', 'wrk02', 'wrk03']],
    ['wrk0?', ['wrk01', 'wrk02', 'wrk03']],
    ['db-[!a]', ['db-b']],
    ['*er', ['mgr1', 'wrk01', 'wrk02', 'wrk03']],
    ['~wrk0[12]', ['wrk01', 'wrk02']],
    ['~(mgr|db-)', ['mgr1', 'db-a', 'db-b']],
    ['worker[0]', ['wrk01']],
    ['worker[-1]', ['wrk03']],
    ['worker[0:1]', ['wrk01', 'wrk02']],
    ['worker[1:]', ['wrk02', 'wrk03']],
    ['esb[0]:db[1]', ['mgr1', 'db-b']],
    ['localhost', ['localhost']],
    ['nothing', [], /could not match supplied host pattern, ignoring: nothing/],
    ['retired', []],
    ['workr', [], /ignoring: workr \(did you mean 'worker'\?\)/],
    ['worker[7]', [], /index 7 is out of range \(3 hosts\)/],
    ['worker:nothing', ['wrk01', 'wrk02', 'wrk03'], /ignoring: nothing/],
  ];
  for (const [pattern, hosts, warning] of cases) {
    it(`${pattern} -> [${hosts.join(' ')}]`, () => {
      const warnings: string[] = [];
      assert.deepEqual(selectHosts(inv, pattern, { warnings }), hosts);
      if (warning) assert.match(warnings.join('\n'), warning);
      else assert.deepEqual(warnings, []);
    });
  }

  const limits: [string, string, string[]][] = [
    ['all', 'worker', ['wrk02', 'wrk01', 'wrk03']],
    ['prod', 'wrk01,db-a', ['db-a', 'wrk01']],
    ['prod', 'all:!canary', ['db-a', 'db-b', 'mgr1', 'wrk01', 'wrk03']],
    ['worker', 'db', []],
    ['all', '@retry.txt', ['db-b', 'wrk01']],
    ['worker', '@retry.txt:mgr1', ['wrk01']],
  ];
  for (const [pattern, limit, hosts] of limits) {
    it(`${pattern} --limit ${limit} -> [${hosts.join(' ')}]`, () => {
      assert.deepEqual(selectHosts(inv, pattern, { limit, cwd: root }), hosts);
    });
  }

  it('a missing --limit @file is a UserError naming the file', () => {
    assert.throws(() => selectHosts(inv, 'all', { limit: '@nope.txt', cwd: root }), (e) => isUserError(e) && /--limit file .*nope\.txt: no such file/.test(e.message));
  });

  it('a bad regex is a UserError carrying the given location', () => {
    const loc = { file: 'play.yml', line: 3, col: 10 };
    assert.throws(() => selectHosts(inv, '~wrk(', { loc }), (e) => isUserError(e) && /invalid host pattern regex/.test(e.message) && e.loc === loc);
  });

  it('[x-y] subscripts are rejected like Ansible', () => {
    assert.throws(() => selectHosts(inv, 'worker[0-1]'), /use \[x:y\]/);
  });

  it('splits patterns like Ansible', () => {
    assert.deepEqual(splitPattern('a:b,c:&d:!e'), ['a', 'b', 'c', '&d', '!e']);
    assert.deepEqual(splitPattern('grp[0:1]:web'), ['grp[0:1]', 'web']);
    assert.deepEqual(splitPattern(' '), []);
  });

  it("a group lists its own hosts first, then its children's (as Ansible)", () => {
    writeFileSync(join(root, 'order.ini'), '[g:children]\nsub\n[sub]\nb\n[g]\na\n');
    const other = loadInventory(join(root, 'order.ini'));
    assert.deepEqual(selectHosts(other, 'g'), ['a', 'b']);
  });
});
