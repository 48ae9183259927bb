// The same inventories written in INI and YAML load to the same hosts, groups and vars.

import assert from 'node:assert/strict';
import { loadInventory } from '../../src/inventory/index.js';
import { withTree } from './fixture.js';

interface Case {
  name: string;
  ini: string;
  yaml: string;
  hosts: string[];
  groups: Record<string, string[]>;
  vars: Record<string, Record<string, unknown>>;
  groupNames?: Record<string, string[]>;
}

const cases: Case[] = [
  {
    name: 'ungrouped hosts, groups, children and inline vars',
    ini: [
      '# a comment',
      '; another comment',
      'lonely ansible_host=10.0.0.9',
      '[am]',
      'am1 ansible_host=10.0.0.1 ansible_port=2222',
      'am2',
      '[is]',
      'is1',
      '[wso2:children]',
      'am',
      'is',
      '[wso2:vars]',
      'wso2_home=/opt/wso2',
    ].join('\n'),
    yaml: `
all:
  hosts:
    lonely: { ansible_host: 10.0.0.9 }
  children:
    wso2:
      vars: { wso2_home: /opt/wso2 }
      children:
        am:
          hosts:
            am1: { ansible_host: 10.0.0.1, ansible_port: 2222 }
            am2:
        is:
          hosts:
            is1:
`,
    hosts: ['lonely', 'am1', 'am2', 'is1'],
    groups: { all: ['lonely', 'am1', 'am2', 'is1'], ungrouped: ['lonely'], am: ['am1', 'am2'], is: ['is1'], wso2: ['am1', 'am2', 'is1'] },
    vars: {
      lonely: { ansible_host: '10.0.0.9' },
      am1: { wso2_home: '/opt/wso2', ansible_host: '10.0.0.1', ansible_port: 2222 },
      is1: { wso2_home: '/opt/wso2' },
    },
    groupNames: { lonely: ['ungrouped'], am1: ['am', 'wso2'], is1: ['is', 'wso2'] },
  },
  {
    name: 'ranges: zero-padded, letters, step, and host:port',
    ini: '[wrk]\nwrk[01:03]\n[db]\ndb-[a:c]:2200\n[odd]\nn[1:7:3]',
    yaml: 'wrk:\n  hosts:\n    wrk[01:03]:\ndb:\n  hosts:\n    "db-[a:c]:2200":\nodd:\n  hosts:\n    n[1:7:3]:\n',
    hosts: ['wrk01', 'wrk02', 'wrk03', 'db-a', 'db-b', 'db-c', 'n1', 'n4', 'n7'],
    groups: { ungrouped: [], wrk: ['wrk01', 'wrk02', 'wrk03'], db: ['db-a', 'db-b', 'db-c'], odd: ['n1', 'n4', 'n7'] },
    vars: { 'db-b': { ansible_port: 2200 }, wrk02: {} },
  },
  {
    name: 'a host in all and in a group is not ungrouped; a group listed twice merges',
    ini: '[all]\nh1\n[g]\nh1 a=1\n[g]\nh2 b=2',
    yaml: 'all:\n  hosts:\n    h1:\n  children:\n    g:\n      hosts:\n        h1: { a: 1 }\ng:\n  hosts:\n    h2: { b: 2 }\n',
    hosts: ['h1', 'h2'],
    groups: { all: ['h1', 'h2'], ungrouped: [], g: ['h1', 'h2'] },
    vars: { h1: { a: 1 }, h2: { b: 2 } },
    groupNames: { h1: ['g'], h2: ['g'] },
  },
  {
    name: 'an empty group still exists',
    ini: '[empty]\n[g]\nh',
    yaml: 'all:\n  children:\n    empty:\n    g:\n      hosts: { h: }\n',
    hosts: ['h'],
    groups: { empty: [], g: ['h'] },
    vars: { h: {} },
  },
];

describe('inventory formats (INI and YAML agree)', () => {
  for (const c of cases) {
    for (const format of ['ini', 'yaml'] as const) {
      it(`${c.name} [${format}]`, () => {
        withTree({ [format === 'ini' ? 'hosts.ini' : 'hosts.yml']: c[format] }, (root) => {
          const inv = loadInventory(root);
          assert.deepEqual(inv.hosts, c.hosts);
          const groups = inv.groups();
          for (const [g, hosts] of Object.entries(c.groups)) assert.deepEqual(groups[g], hosts, `group ${g}`);
          for (const [h, vars] of Object.entries(c.vars)) assert.deepEqual(inv.hostVars(h), vars, `vars of ${h}`);
          for (const [h, names] of Object.entries(c.groupNames ?? {})) assert.deepEqual(inv.groupNames(h), names, `group_names of ${h}`);
          assert.deepEqual(inv.warnings, []);
        });
      });
    }
  }
});
