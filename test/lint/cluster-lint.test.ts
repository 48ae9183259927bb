// wso2_cluster_lint: each rule's bad inventory stops the run with exit 5 naming host, variable and file:line; no host touched.

import assert from 'node:assert/strict';
import { hashHosts, runCli, type Project } from '../engine/helpers.js';
import { lineOf, makeLintProject, type LintProjectSpec } from './lint-project.js';

interface Case {
  readonly name: string;
  readonly spec: LintProjectSpec;
  readonly extra?: readonly string[];
  /** each: a regexp the error must match (host, variable, where) */
  readonly expect: (p: Project) => RegExp[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ROLE = (p: Project, role: string, text: string) => esc(lineOf(p, `roles/${role}/defaults/main.yml`, text));
const INV = (p: Project, text: string) => esc(lineOf(p, 'inventory/hosts.yml', text));

const CASES: Case[] = [
  {
    name: 'exactly one manager',
    spec: { groups: { lb: ['lb1'], mysql: ['db1'], esb_manager: ['mgr1', 'wrk2'], esb_worker: ['wrk1'] } },
    expect: (p) => [new RegExp(`wrk2: group esb_manager \\(set at the inventory, host listed at ${INV(p, '"wrk2": {')}\\d+\\): the cluster needs exactly one manager node; mgr1 is the manager already`)],
  },
  {
    name: 'at least two well-known members',
    spec: { hostVars: { wrk2: { esb_wka_members: [{ host: '10.20.0.13', port: 4100 }] } } },
    expect: (p) => [new RegExp(`wrk2: esb_wka_members = .*\\(set at ${INV(p, 'esb_wka_members')}\\d+\\): at least two well-known members .* found 1 \\[wka-two-members\\]`)],
  },
  {
    name: 'well-known members are cluster nodes',
    spec: { hostVars: { mgr1: { esb_wka_members: [{ host: '10.20.0.13', port: 4100 }, { host: '10.20.0.99', port: 4100 }] } } },
    expect: (p) => [new RegExp(`mgr1: esb_wka_members = .*\\(set at ${INV(p, 'esb_wka_members')}\\d+\\): member 2 \\(10\\.20\\.0\\.99:4100\\) is not a node of the cluster`)],
  },
  {
    name: 'localMemberHost is an IP address, not a name',
    spec: { hostVars: { wrk1: { node_ip: 'wrk1.example.org' } } },
    expect: (p) => [new RegExp(`wrk1: esb_local_member_host = "wrk1\\.example\\.org" \\(set at ${ROLE(p, 'esb-common', 'esb_local_member_host')}\\d+, from node_ip set at ${INV(p, 'wrk1.example.org')}\\d+\\): localMemberHost must be the node's own IP address, not a host name`)],
  },
  {
    name: 'no loopback localMemberHost outside the lab/demo inventories',
    spec: { hostVars: { mgr1: { esb_local_member_host: '127.0.0.1' } } },
    expect: (p) => [new RegExp(`mgr1: esb_local_member_host = "127\\.0\\.0\\.1" \\(set at ${INV(p, '"esb_local_member_host"')}\\d+\\): a loopback address .*esb_loopback_cluster: true \\[member-host-loopback\\]`)],
  },
  {
    name: 'unique localMemberPort and port offset for nodes on one machine',
    spec: { hostVars: { wrk1: { ansible_host: '10.20.0.50' }, wrk2: { ansible_host: '10.20.0.50' } } },
    expect: (p) => [
      new RegExp(`wrk2: esb_local_member_port = 4100 \\(set at ${ROLE(p, 'esb-common', 'esb_local_member_port')}\\d+\\): wrk1 on the same machine \\(ansible_host 10\\.20\\.0\\.50\\) has the same localMemberPort`),
      new RegExp(`wrk2: esb_port_offset = 0 \\(set at ${ROLE(p, 'esb-common', 'esb_port_offset')}\\d+\\): wrk1 on the same machine .* port offset`),
    ],
  },
  {
    name: 'the LB upstream equals the worker group',
    spec: { files: { 'inventory/host_vars/lb1.yml': '# the upstream\nnginx_workers: [wrk1]\n' } },
    expect: (p) => [new RegExp(`lb1: nginx_workers = \\["wrk1"\\] \\(set at ${esc(lineOf(p, 'inventory/host_vars/lb1.yml', 'nginx_workers'))}\\d+\\): the load balancer's upstream must be the worker group esb_worker \\(wrk1, wrk2\\); missing: wrk2`)],
  },
  {
    name: 'the same product version on the DB host and the nodes',
    spec: { files: { 'inventory/group_vars/mysql.yml': 'esb_version: 5.0.0\n' } },
    expect: (p) => ['mgr1, wrk1, wrk2'].map((h) => new RegExp(`${h}: esb_version = "4\\.9\\.0" \\(set at ${ROLE(p, 'esb-product', 'esb_version')}\\d+\\): differs from the database host db1's "5\\.0\\.0" \\(set at ${esc(lineOf(p, 'inventory/group_vars/mysql.yml', 'esb_version'))}\\d+\\)`)),
  },
  {
    name: "the guide's placeholder values are refused",
    spec: {
      files: { 'inventory/group_vars/esb_worker.yml': 'esb_depsync_svn_user: svnuser\nesb_depsync_svn_password: xxxxxx\n' },
      hostVars: { lb1: { node_ip: 'xxx.xxx.xxx.xx3' } },
    },
    extra: ['-e', 'esb_depsync_svn_url=https://svn.wso2.org/repos/esb'],
    expect: (p) => [
      new RegExp(`wrk1, wrk2: esb_depsync_svn_user = "svnuser" \\(set at ${esc(lineOf(p, 'inventory/group_vars/esb_worker.yml', 'svn_user'))}\\d+\\): is the guide's sample SVN user`),
      new RegExp(`wrk1, wrk2: esb_depsync_svn_password \\(set at ${esc(lineOf(p, 'inventory/group_vars/esb_worker.yml', 'svn_password'))}\\d+\\): is the guide's placeholder password`),
      /mgr1, wrk1, wrk2, lb1, db1: esb_depsync_svn_url = "https:\/\/svn\.wso2\.org\/repos\/esb" \(set at -e on the command line\): is the guide's sample SVN URL/,
      new RegExp(`lb1: node_ip = "xxx\\.xxx\\.xxx\\.xx3" \\(set at ${INV(p, 'xxx.xxx')}\\d+\\): is a placeholder address of the guide`),
    ],
  },
];

describe('cluster lint (wso2_cluster_lint) in the preflight', function () {
  let p: Project | undefined;
  afterEach(() => p?.cleanup());

  for (const c of CASES) {
    it(`${c.name}: exit 5, host + variable + file:line, no host touched`, async () => {
      p = makeLintProject(c.spec);
      const before = hashHosts(p);
      const r = await runCli(p, 'site.yml', ...(c.extra ?? []));
      assert.equal(r.code, 5, r.out + r.err);
      assert.match(r.err, /cluster lint found (a problem|\d+ problems) in the inventory; no host was touched/);
      for (const re of c.expect(p)) assert.match(r.err, re);
      assert.doesNotMatch(r.err, /\n\s+at .*\.ts:\d+/, 'no stack trace');
      assert.doesNotMatch(r.out, /TASK \[/, 'no task started');
      assert.deepEqual(hashHosts(p), before, 'a host was touched');
    });
  }

  it('a placeholder password is never printed', async () => {
    p = makeLintProject({ files: { 'inventory/group_vars/all.yml': 'esb_db_password: xxxxxx\n' } });
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5);
    assert.match(r.err, /esb_db_password \(set at .*group_vars\/all\.yml:1:\d+\): is the guide's placeholder password/);
    assert.doesNotMatch(r.err + r.out, /xxxxxx/);
  });

  it('a good inventory passes: the lint task is ok and the run goes on (exit 0)', async () => {
    p = makeLintProject();
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /TASK \[the inventory matches the cluster guide\] \*+\nok: \[lb1\]/);
    assert.equal(p.read('wrk2', 'configured.txt'), 'configured\n');
  });

  it('loopback members pass when the inventory says its cluster is on one machine (esb_loopback_cluster)', async () => {
    const loop = Object.fromEntries(['lb1', 'db1', 'mgr1', 'wrk1', 'wrk2'].map((h, i) => [h, { node_ip: `127.10.3.${i + 1}` }]));
    p = makeLintProject({ hostVars: loop, files: { 'inventory/group_vars/all.yml': 'esb_loopback_cluster: true\n' } });
    assert.equal((await runCli(p, 'site.yml', '--check')).code, 0);
  });

  it('--dry-run and --check stop at the same finding; --limit does not hide the rest of the cluster', async () => {
    p = makeLintProject({ hostVars: { wrk2: { esb_local_member_host: 'localhost' } } });
    for (const flags of [['--dry-run'], ['--check'], ['--limit', 'wrk1']]) {
      const r = await runCli(p, 'site.yml', ...flags);
      assert.equal(r.code, 5, `${flags.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, /wrk2: esb_local_member_host = "localhost"/);
    }
  });
});

describe('wso2_cluster_lint registration and docs', () => {
  it('is registered, and docs/modules/wso2_cluster_lint.md starts with its summary and has the current argument table', async () => {
    const { readFileSync } = await import('node:fs');
    const { updateArgTable } = await import('../../src/modules/docs-table.js');
    const { builtinModules } = await import('../../src/modules/registry.js');
    const def = builtinModules.wso2_cluster_lint;
    assert.equal(def.name, 'wso2_cluster_lint');
    const page = readFileSync(new URL('../../docs/modules/wso2_cluster_lint.md', import.meta.url), 'utf8');
    assert.ok(page.startsWith(`# wso2_cluster_lint\n\n${def.summary}\n`));
    assert.equal(updateArgTable(page, def as never), page);
  });
});
