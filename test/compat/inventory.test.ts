// Differential: host patterns, --limit, groups and inventory variables against Ansible's InventoryManager/VariableManager.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadInventory, selectHosts } from '../../src/inventory/index.js';
import { removeTree, writeTree } from '../inventory/fixture.js';
import { requireAnsible, type AnsibleEnv } from './ansible-env.js';

const INI = `
ctl ansible_port=2222
[manager]
mgr1 role=manager
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
[esb:vars]
x=esb
y="from esb"
[prod:vars]
x=prod
z=[1, 2]
[all:vars]
x=all
n=5
`;

const YAML = `
all:
  vars: { x: all }
  hosts:
    h3: { x: h3 }
    h1:
  children:
    web:
      hosts: { h2: , h1: }
      vars: { x: web, ansible_group_priority: 3 }
    app:
      hosts: { h2: , h4: }
      vars: { x: app }
    nested:
      children:
        web:
        inner:
          hosts: { h5: }
`;

const FILES = {
  'ini/hosts.ini': INI,
  'ini/group_vars/all.yml': 'gv_all: 1\nx: gv-all\n',
  'ini/group_vars/worker/a.yml': 'gv_worker: a\n',
  'ini/group_vars/worker/b.yml': 'gv_worker: b\nx: gv-worker\n',
  'ini/group_vars/prod': 'gv_prod: plain-file\n',
  'ini/host_vars/wrk02.yml': 'x: hv-wrk02\n',
  'yaml/hosts.yml': YAML,
  'yaml/group_vars/web.yml': 'x: gv-web\n',
};

const PATTERNS = [
  'all', '*', 'worker', 'ungrouped', 'esb', 'prod', 'db:manager', 'db,manager', 'prod:&worker', 'prod:!worker', '!worker:prod', '!worker',
  '&worker:!canary', 'worker:!canary:db:&prod', 'wrk*', 'wrk0?', 'db-[!a]', '*er', '~wrk0[12]', '~(mgr|db-)', 'worker[0]', 'worker[-1]',
  'worker[0:1]', 'worker[1:]', 'esb[0]:db[1]', 'canary:manager:db', 'all:!ungrouped', 'nested', 'web', 'app:web', 'app:&web', 'nested:!app', 'h*',
];
const LIMITS: [string, string][] = [['all', 'worker'], ['prod', 'wrk01,db-a'], ['prod', 'all:!canary'], ['worker', 'db'], ['all', 'h1:h4'], ['all', 'nested']];

interface AnsibleView {
  readonly hosts: Record<string, string[]>;
  readonly limited: string[][];
  readonly groups: Record<string, string[]>;
  readonly vars: Record<string, Record<string, unknown>>;
}

function ansibleView(env: AnsibleEnv, file: string): AnsibleView {
  const script = `
import json, sys
from ansible.parsing.dataloader import DataLoader
from ansible.inventory.manager import InventoryManager
from ansible.vars.manager import VariableManager
patterns, limits = json.load(sys.stdin)
loader = DataLoader()
inv = InventoryManager(loader=loader, sources=[${JSON.stringify(file)}])
vm = VariableManager(loader=loader, inventory=inv)
out = {'hosts': {}, 'limited': [], 'groups': {}, 'vars': {}}
for p in patterns:
    out['hosts'][p] = [h.name for h in inv.get_hosts(p)]
for p, l in limits:
    inv.subset(l)
    out['limited'].append([h.name for h in inv.get_hosts(p)])
    inv.subset(None)
out['groups'] = {g: [h.name for h in grp.get_hosts()] for g, grp in inv.groups.items()}
for h in inv.get_hosts('all'):
    v = vm.get_vars(host=h, include_hostvars=False)
    out['vars'][h.name] = {k: v[k] for k in h.get_vars().keys() | set(vm._inventory.get_host(h.name).vars) | set(v) if k in v and not k.startswith('ansible_') and k not in ('inventory_hostname', 'inventory_hostname_short', 'group_names', 'groups', 'inventory_dir', 'inventory_file', 'omit', 'playbook_dir', 'play_hosts', 'role_names', 'hostvars', 'environment')}
print(json.dumps(out, default=str))`;
  return JSON.parse(execFileSync(env.python, ['-c', script], { input: JSON.stringify([PATTERNS, LIMITS]), encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' } })) as AnsibleView;
}

describe('compat: inventory (patterns, --limit, groups, variables) against Ansible', () => {
  let env: AnsibleEnv;
  let root: string;
  before(function () {
    env = requireAnsible(this);
    root = writeTree(FILES);
  });
  after(() => root && removeTree(root));

  for (const kind of ['ini/hosts.ini', 'yaml/hosts.yml']) {
    it(`${kind}: every pattern and --limit selects the hosts Ansible selects, in its order`, () => {
      const a = ansibleView(env, join(root, kind));
      const inv = loadInventory(join(root, kind));
      for (const p of PATTERNS) assert.deepEqual(selectHosts(inv, p), a.hosts[p], `pattern ${p}`);
      LIMITS.forEach(([p, l], i) => assert.deepEqual(selectHosts(inv, p, { limit: l }), a.limited[i], `${p} --limit ${l}`));
    });

    it(`${kind}: groups (the magic variable) and each host's inventory variables are Ansible's`, () => {
      const a = ansibleView(env, join(root, kind));
      const inv = loadInventory(join(root, kind));
      assert.deepEqual(inv.groups(), a.groups);
      for (const h of Object.keys(a.vars)) {
        const mine = Object.fromEntries(Object.entries(inv.hostVars(h)).filter(([k]) => !k.startsWith('ansible_')));
        assert.deepEqual(mine, a.vars[h], `vars of ${h}`);
      }
    });
  }
});
