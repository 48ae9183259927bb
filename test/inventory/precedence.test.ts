// Vars precedence within the inventory, lowest first: file group vars < group_vars/ < file host vars < host_vars/.

import assert from 'node:assert/strict';
import { loadInventory } from '../../src/inventory/index.js';
import { withTree } from './fixture.js';

interface Case {
  name: string;
  files: Record<string, string>;
  host: string;
  expect: Record<string, unknown>;
  warnings?: RegExp[];
}

const cases: Case[] = [
  {
    name: 'a child group overrides its parent, all is lowest',
    files: { 'hosts.ini': '[all:vars]\nv=all\n[parent:vars]\nv=parent\n[child]\nh\n[parent:children]\nchild\n[child:vars]\nv=child\n' },
    host: 'h',
    expect: { v: 'child' },
  },
  {
    name: 'same depth: alphabetical, the later name wins',
    files: { 'hosts.ini': '[a]\nh\n[b]\nh\n[a:vars]\nv=a\n[b:vars]\nv=b\n' },
    host: 'h',
    expect: { v: 'b' },
  },
  {
    name: 'ansible_group_priority beats the alphabetical order',
    files: { 'hosts.ini': '[a]\nh\n[b]\nh\n[a:vars]\nv=a\nansible_group_priority=10\n[b:vars]\nv=b\n' },
    host: 'h',
    expect: { v: 'a', ansible_group_priority: 10 },
  },
  {
    name: 'depth beats ansible_group_priority',
    files: {
      'hosts.yml': 'all:\n  children:\n    top:\n      vars: { v: top, ansible_group_priority: 99 }\n      hosts: { h: }\n    mid:\n      vars: { v: deep }\n      children:\n        deep:\n          vars: { v: deeper }\n          hosts: { h: }\n',
    },
    host: 'h',
    expect: { v: 'deeper', ansible_group_priority: 99 },
  },
  {
    name: 'group_vars/all beats any group var written in the inventory file',
    files: { 'hosts.ini': '[web]\nh\n[web:vars]\nv=file-web\n', 'group_vars/all.yml': 'v: dir-all\n' },
    host: 'h',
    expect: { v: 'dir-all' },
  },
  {
    name: 'group_vars/<child> beats group_vars/<parent> and group_vars/all',
    files: {
      'hosts.ini': '[p:children]\nc\n[c]\nh\n',
      'group_vars/all.yml': 'v: all\nonly_all: 1\n',
      'group_vars/p.yaml': 'v: p\n',
      'group_vars/c.json': '{"v": "c"}',
    },
    host: 'h',
    expect: { v: 'c', only_all: 1 },
  },
  {
    name: 'host vars in the file beat group_vars/; host_vars/ beats everything',
    files: {
      'hosts.ini': '[g]\nh a=file b=file\n',
      'group_vars/g.yml': 'a: gdir\nb: gdir\nc: gdir\n',
      'host_vars/h.yml': 'b: hdir\n',
    },
    host: 'h',
    expect: { a: 'file', b: 'hdir', c: 'gdir' },
  },
  {
    name: 'an extensionless group_vars file is read before <group>.yml',
    files: { 'hosts.ini': '[g]\nh\n', 'group_vars/g': 'v: noext\nnoext: 1\n', 'group_vars/g.yml': 'v: yml\nyml: 1\n' },
    host: 'h',
    expect: { v: 'yml', noext: 1, yml: 1 },
  },
  {
    name: 'a group_vars directory: files merged in sorted order, subdirectories too, other extensions skipped',
    files: {
      'hosts.ini': '[g]\nh\n',
      'group_vars/g/b.yml': 'v: b\nb: 1\n',
      'group_vars/g/a.yaml': 'v: a\na: 1\n',
      'group_vars/g/sub/c.yml': 'v: c\n',
      'group_vars/g/notes.txt': 'v: ignored\n',
      'host_vars/h/10-main.yml': 'w: main\n',
      'host_vars/h/20-extra.json': '{"w": "extra"}',
    },
    host: 'h',
    expect: { v: 'c', a: 1, b: 1, w: 'extra' },
  },
  {
    name: 'merge is shallow (hash_behaviour=replace): a dict replaces a dict',
    files: { 'hosts.yml': 'all:\n  vars: { db: { host: a, port: 1 } }\n  hosts:\n    h: { db: { host: b } }\n' },
    host: 'h',
    expect: { db: { host: 'b' } },
  },
  {
    name: 'host_vars for an IP address host (dots in the name)',
    files: { 'hosts': '10.0.0.1\n', 'host_vars/10.0.0.1': 'v: ip\n' },
    host: '10.0.0.1',
    expect: { v: 'ip' },
  },
  {
    name: 'a vars file for no group or host is a warning, not an error',
    files: { 'hosts.ini': '[web]\nh\n', 'group_vars/wbe.yml': 'v: 1\n', 'host_vars/hh.yml': 'v: 2\n' },
    host: 'h',
    expect: {},
    warnings: [/group_vars\/wbe\.yml:1:1: .*matches no group.*did you mean 'web'/, /host_vars\/hh\.yml:1:1: .*matches no host.*did you mean 'h'/],
  },
  {
    name: 'the implicit localhost gets all vars and ansible_connection=local',
    files: { 'hosts.ini': '[all:vars]\nv=1\n[g]\nh\n', 'host_vars/localhost.yml': 'w: 2\n' },
    host: 'localhost',
    expect: { v: 1, ansible_connection: 'local', w: 2 },
  },
];

describe('inventory vars precedence', () => {
  for (const c of cases) {
    it(c.name, () => {
      withTree(c.files, (root) => {
        const inv = loadInventory(root);
        assert.deepEqual(inv.hostVars(c.host), c.expect);
        assert.equal(inv.warnings.length, (c.warnings ?? []).length, inv.warnings.join('\n'));
        (c.warnings ?? []).forEach((re, i) => assert.match(inv.warnings[i]!, re));
      });
    });
  }

  it('hostVars returns a fresh object each call', () => {
    withTree({ 'hosts.ini': 'h a=1\n' }, (root) => {
      const inv = loadInventory(root);
      inv.hostVars('h')['a'] = 2;
      assert.equal(inv.hostVars('h')['a'], 1);
    });
  });
});
