// Finding the inventory: a name under inventories/, a directory, a file; clear errors when it is missing.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isUserError } from '../../src/errors.js';
import { loadInventory } from '../../src/inventory/index.js';
import { catchError, withTree } from './fixture.js';

interface Case {
  name: string;
  files: Record<string, string>;
  source: string;
  /** expected inventory file, relative to the temp root */
  file: string;
  hosts: string[];
}

const cases: Case[] = [
  { name: 'a name resolves to inventories/<name>/hosts.yml', files: { 'inventories/prod/hosts.yml': 'all:\n  hosts:\n    p1:\n' }, source: 'prod', file: 'inventories/prod/hosts.yml', hosts: ['p1'] },
  { name: 'inventories/<name>/ wins over a same-named path in cwd', files: { 'inventories/prod/hosts': 'p1\n', prod: 'other\n' }, source: 'prod', file: 'inventories/prod/hosts', hosts: ['p1'] },
  { name: 'a name with no inventories/ entry is a path in cwd', files: { staging: '[s]\ns1\n' }, source: 'staging', file: 'staging', hosts: ['s1'] },
  { name: 'a directory with hosts.ini', files: { 'inv/hosts.ini': '[a]\na1\n' }, source: 'inv', file: 'inv/hosts.ini', hosts: ['a1'] },
  { name: 'a directory with hosts.yaml', files: { 'inv/hosts.yaml': 'all:\n  hosts: { y1: }\n' }, source: './inv', file: 'inv/hosts.yaml', hosts: ['y1'] },
  { name: 'a directory with one other file (notes ignored)', files: { 'inv/cluster.yml': 'all:\n  hosts: { c1: }\n', 'inv/README.md': '# notes\n', 'inv/group_vars/all.yml': 'a: 1\n' }, source: 'inv', file: 'inv/cluster.yml', hosts: ['c1'] },
  { name: 'a file path; group_vars beside it', files: { 'x/site.ini': '[g]\nh\n', 'x/group_vars/g.yml': 'v: 1\n' }, source: 'x/site.ini', file: 'x/site.ini', hosts: ['h'] },
  { name: 'an extensionless YAML file is recognised', files: { hosts: '---\nall:\n  hosts:\n    h1:\n' }, source: 'hosts', file: 'hosts', hosts: ['h1'] },
  { name: 'an extensionless INI file with host lines only', files: { hosts: 'h1 ansible_host=1.2.3.4\nh2:2222\n' }, source: 'hosts', file: 'hosts', hosts: ['h1', 'h2'] },
];

describe('locating the inventory', () => {
  for (const c of cases) {
    it(c.name, () => {
      withTree(c.files, (root) => {
        const inv = loadInventory(c.source, { cwd: root });
        assert.equal(inv.file, join(root, c.file));
        assert.equal(inv.dir, join(root, c.file, '..'));
        assert.deepEqual(inv.hosts, c.hosts);
      });
    });
  }

  it('an absolute path works without cwd', () => {
    withTree({ 'h.ini': 'a\n' }, (root) => {
      assert.deepEqual(loadInventory(join(root, 'h.ini')).hosts, ['a']);
    });
  });

  const errors: [string, Record<string, string>, string, RegExp][] = [
    ['a missing name names both places looked at', {}, 'prod', /inventory 'prod' not found: looked for .*inventories\/prod\/ or .*\/prod$/],
    ['a missing path', {}, './nope.ini', /inventory '.\/nope.ini' not found: looked for .*nope\.ini$/],
    ['an empty directory', { 'inv/.keep': '' }, 'inv', /has no inventory file \(looked for hosts\.yml, hosts\.yaml, hosts\.ini, hosts, or a single other file\)/],
    ['two standard names', { 'inv/hosts.yml': 'all:\n', 'inv/hosts.ini': 'h\n' }, 'inv', /holds both hosts\.yml and hosts\.ini/],
    ['several other files', { 'inv/a.yml': 'all:\n', 'inv/b.yml': 'all:\n' }, 'inv', /several candidate files \(a\.yml, b\.yml\)/],
  ];
  for (const [name, files, source, re] of errors) {
    it(name, () => {
      withTree(files, (root) => {
        const e = catchError(() => loadInventory(source, { cwd: root }));
        assert.ok(isUserError(e), String(e));
        assert.equal(e.exitCode, 5);
        assert.match(e.message, re);
      });
    });
  }

  it('an empty YAML inventory loads with a warning and no hosts', () => {
    withTree({ 'hosts.yml': '# nothing yet\n' }, (root) => {
      const inv = loadInventory(root);
      assert.deepEqual(inv.hosts, []);
      assert.match(inv.warnings[0]!, /hosts\.yml:1:1: the inventory file is empty/);
    });
  });
});

describe('a host list on the command line (-i "a,b:2222,")', () => {
  it('makes each comma-separated word a host in ungrouped, with its port', () => {
    withTree({}, (root) => {
      const inv = loadInventory(' web1, web2:2222 ,,', { cwd: root });
      assert.deepEqual(inv.hosts, ['web1', 'web2']);
      assert.deepEqual(inv.groups().ungrouped, ['web1', 'web2']);
      assert.equal(inv.hostVars('web2').ansible_port, 2222);
      assert.equal(inv.hostVars('web1').ansible_port, undefined);
    });
  });

  it('a single host needs its trailing comma; an existing path with a comma is a file', () => {
    withTree({ 'a,b.ini': 'fromfile\n' }, (root) => {
      assert.deepEqual(loadInventory('localhost,', { cwd: root }).hosts, ['localhost']);
      assert.deepEqual(loadInventory('a,b.ini', { cwd: root }).hosts, ['fromfile']);
    });
  });

  it('reads group_vars/ beside the playbook, none beside the working directory', () => {
    withTree({ 'pb/group_vars/all.yml': 'from_pb: 1\n', 'group_vars/all.yml': 'from_cwd: 1\n' }, (root) => {
      const vars = loadInventory('h1,', { cwd: root, playbookDir: join(root, 'pb') }).hostVars('h1');
      assert.equal(vars.from_pb, 1);
      assert.equal(vars.from_cwd, undefined);
    });
  });

  it('a bad port is exit 5 naming the -i value', () => {
    withTree({}, (root) => {
      const e = catchError(() => loadInventory('a:99999,', { cwd: root }));
      assert.ok(isUserError(e), String(e));
      assert.equal(e.exitCode, 5);
      assert.match(e.message, /inventory -i 'a:99999,': bad port 99999/);
    });
  });
});
