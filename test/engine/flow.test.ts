// Control flow: loops, when per item, tags, --limit, serial, max_fail_percentage, any_errors_fatal, run_once, delegate_to.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { makeProject, runCli, runLib, type Project } from './helpers.js';

const has = (p: Project, h: string, f: string) => existsSync(p.file(h, f));
const touch = (name: string, extra = '') => `- name: ${name}\n      lineinfile: { path: "{{ root_dir }}/${name}.txt", line: "${name}", create: true }${extra}\n`;

describe('engine: loops', () => {
  let p: Project;
  beforeEach(() => (p = makeProject()));
  afterEach(() => p.cleanup());

  for (const kw of ['loop', 'with_items']) {
    it(`${kw} with loop_control.label, register with results, when per item`, async () => {
      p.write('site.yml', `- hosts: h1
  tasks:
    - name: items
      lineinfile: { path: "{{ root_dir }}/out.txt", line: "{{ item.k }}={{ item.v }}", create: true }
      ${kw}:
        - { k: a, v: 1 }
        - { k: b, v: 2 }
        - { k: c, v: 3 }
      when: item.k != 'b'
      loop_control: { label: "{{ item.k }}" }
      register: res
    - lineinfile: { path: "{{ root_dir }}/summary.txt", line: "{{ res.results | length }} {{ res.changed }}", create: true }
`);
      const r = await runCli(p, 'site.yml');
      assert.equal(r.code, 0, r.err);
      assert.equal(p.read('h1', 'out.txt'), 'a=1\nc=3\n');
      assert.equal(p.read('h1', 'summary.txt'), '3 True\n');
      assert.match(r.out, /^changed: \[h1\] => \(item=a\)$/m);
      assert.match(r.out, /^skipping: \[h1\] => \(item=b\)$/m);
      assert.match(r.out, /^changed: \[h1\] => \(item=c\)$/m);
    });
  }

  it('with_items flattens nested lists one level', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/out.txt", line: "{{ item }}", create: true }\n      with_items: [[a, b], c]\n`);
    await runLib(p, 'site.yml');
    assert.equal(p.read('h1', 'out.txt'), 'a\nb\nc\n');
  });

  it('loop_var renames the item and ansible_loop gives the index', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/out.txt", line: "{{ ansible_loop.index }}:{{ port }}", create: true }\n      loop: [80, 443]\n      loop_control: { loop_var: port, extended: true }\n`);
    await runLib(p, 'site.yml');
    assert.equal(p.read('h1', 'out.txt'), '1:80\n2:443\n');
  });
});

describe('engine: tags', () => {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ hosts: ['h1'] });
    const t = (name: string, tags?: string) => `    - name: ${name}\n      lineinfile: { path: "{{ root_dir }}/${name}.txt", line: x, create: true }\n${tags ? `      tags: ${tags}\n` : ''}`;
    p.write('site.yml', `- hosts: all\n  tasks:\n${t('conf', '[config]')}${t('pkg', 'packages')}${t('plain')}${t('always', '[always]')}${t('never', '[never, debug]')}    - block:\n        - name: inblock\n          lineinfile: { path: "{{ root_dir }}/inblock.txt", line: x, create: true }\n      tags: [config]\n`);
  });
  afterEach(() => p.cleanup());

  const cases: { args: string[]; ran: string[] }[] = [
    { args: [], ran: ['always', 'conf', 'inblock', 'pkg', 'plain'] },
    { args: ['--tags', 'config'], ran: ['always', 'conf', 'inblock'] },
    { args: ['--tags', 'packages,config'], ran: ['always', 'conf', 'inblock', 'pkg'] },
    { args: ['--skip-tags', 'config'], ran: ['always', 'pkg', 'plain'] },
    { args: ['--tags', 'debug'], ran: ['always', 'never'] },
    { args: ['--tags', 'untagged'], ran: ['always', 'plain'] },
    { args: ['--skip-tags', 'always'], ran: ['conf', 'inblock', 'pkg', 'plain'] },
  ];
  for (const c of cases) {
    it(`${c.args.join(' ') || '(no tag flags)'} runs ${c.ran.join(', ')}`, async () => {
      const r = await runCli(p, 'site.yml', ...c.args);
      assert.equal(r.code, 0, r.err);
      const ran = ['conf', 'pkg', 'plain', 'always', 'never', 'inblock'].filter((f) => has(p, 'h1', `${f}.txt`)).sort();
      assert.deepEqual(ran, c.ran);
    });
  }

  it('--list-tasks honours --tags', async () => {
    const r = await runCli(p, 'site.yml', '--list-tasks', '--tags', 'config');
    assert.equal(r.code, 0);
    assert.match(r.out, /^ {6}conf\tTAGS: \[config\]$/m);
    assert.match(r.out, /^ {6}inblock\tTAGS: \[config\]$/m);
    assert.doesNotMatch(r.out, /^ {6}pkg/m);
  });
});

describe('engine: hosts, batches and failure policies', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2', 'h3', 'h4'], groups: { web: ['h1', 'h2'], db: ['h3', 'h4'] } })));
  afterEach(() => p.cleanup());

  it('--limit restricts the play to matching hosts', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    ${touch('x')}`);
    const r = await runCli(p, 'site.yml', '--limit', 'web:!h2');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(p.hosts.filter((h) => has(p, h, 'x.txt')), ['h1']);
    assert.doesNotMatch(r.out, /\[h2\]/);
  });

  for (const serial of ['2', '50%']) {
    it(`serial: ${serial} runs the play in 2 batches, the whole play per batch`, async () => {
      p.write('site.yml', `- hosts: all\n  serial: ${JSON.stringify(serial)}\n  tasks:\n    - shell: echo "{{ inventory_hostname }} t1 {{ ansible_play_batch | join(',') }}" >> "${p.dir}/order.log"\n    - shell: echo "{{ inventory_hostname }} t2" >> "${p.dir}/order.log"\n`);
      const r = await runLib(p, 'site.yml');
      assert.equal(r.exitCode, 0);
      const starts = r.events.filter((e) => e.type === 'play_start');
      assert.deepEqual(starts.map((e) => (e.type === 'play_start' ? e.hosts : [])), [['h1', 'h2'], ['h3', 'h4']]);
      const lines = (await import('node:fs')).readFileSync(`${p.dir}/order.log`, 'utf8').trim().split('\n');
      assert.deepEqual(lines.slice(0, 4).map((l) => l.split(' ')[1]).join(','), 't1,t1,t2,t2');
      assert.ok(lines.slice(0, 2).every((l) => l.endsWith('h1,h2')));
      assert.ok(lines.slice(4, 6).every((l) => l.endsWith('h3,h4')));
    });
  }

  it('max_fail_percentage: more than the allowed share failing in a batch ends the play', async () => {
    p.write('site.yml', `- hosts: all\n  serial: 2\n  max_fail_percentage: 40\n  tasks:\n    - fail: { msg: boom }\n      when: inventory_hostname == 'h1'\n    ${touch('after')}`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(p.hosts.filter((h) => has(p, h, 'after.txt')), []);
    assert.ok(r.events.some((e) => e.type === 'play_aborted'));
  });

  it('max_fail_percentage not exceeded: the others go on', async () => {
    p.write('site.yml', `- hosts: all\n  max_fail_percentage: 30\n  tasks:\n    - fail: { msg: boom }\n      when: inventory_hostname == 'h1'\n    ${touch('after')}`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(p.hosts.filter((h) => has(p, h, 'after.txt')), ['h2', 'h3', 'h4']);
  });

  it('any_errors_fatal: one failure stops every host', async () => {
    p.write('site.yml', `- hosts: all\n  any_errors_fatal: true\n  tasks:\n    - fail: { msg: boom }\n      when: inventory_hostname == 'h3'\n    ${touch('after')}\n- hosts: all\n  tasks:\n    ${touch('next_play')}`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(p.hosts.filter((h) => has(p, h, 'after.txt') || has(p, h, 'next_play.txt')), []);
  });

  it('run_once runs on the first host only and shares the registered result', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - shell: echo once >> "${p.dir}/once.log"; echo from-{{ inventory_hostname }}\n      run_once: true\n      register: once\n    - lineinfile: { path: "{{ root_dir }}/got.txt", line: "{{ once.stdout }}", create: true }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal((await import('node:fs')).readFileSync(`${p.dir}/once.log`, 'utf8'), 'once\n');
    for (const h of p.hosts) assert.equal(p.read(h, 'got.txt'), 'from-h1\n');
  });

  it('delegate_to: localhost runs the task on the controller, never connecting to the host', async () => {
    const q = makeProject({ hosts: ['far1', 'far2'], hostVars: { far1: { ansible_connection: 'ssh', ansible_host: '127.0.0.1', ansible_port: 1 }, far2: { ansible_connection: 'ssh', ansible_host: '127.0.0.1', ansible_port: 1 } } });
    try {
      q.write('site.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "${q.dir}/controller-{{ inventory_hostname }}.txt", line: "from {{ inventory_hostname }}", create: true }\n      delegate_to: localhost\n    - lineinfile: { path: /nonexistent/x, line: y }\n`);
      const r = await runLib(q, 'site.yml');
      const fs = await import('node:fs');
      assert.equal(fs.readFileSync(`${q.dir}/controller-far1.txt`, 'utf8'), 'from far1\n');
      assert.equal(fs.readFileSync(`${q.dir}/controller-far2.txt`, 'utf8'), 'from far2\n');
      // the second task is not delegated: the hosts themselves are unreachable
      assert.equal(r.exitCode, 4);
      assert.deepEqual(Object.values(r.stats).map((s) => [s.changed, s.unreachable]), [[1, 1], [1, 1]]);
    } finally {
      q.cleanup();
    }
  });

  it('a play whose pattern matches no host is skipped with a message', async () => {
    p.write('site.yml', `- hosts: nosuchgroup\n  tasks:\n    ${touch('x')}`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /skipping: no hosts matched 'nosuchgroup'/);
  });
});

describe('engine: includes and roles', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2'] })));
  afterEach(() => p.cleanup());

  it('import_tasks and include_tasks with a templated file name', async () => {
    p.write('tasks/common.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "common", create: true }\n`);
    p.write('tasks/h1.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "only h1", create: true }\n`);
    p.write('tasks/h2.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "only h2 {{ extra }}", create: true }\n`);
    p.write('site.yml', `- hosts: all\n  tasks:\n    - import_tasks: tasks/common.yml\n    - include_tasks: "tasks/{{ inventory_hostname }}.yml"\n      vars: { extra: x }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'out.txt'), 'common\nonly h1\n');
    assert.equal(p.read('h2', 'out.txt'), 'common\nonly h2 x\n');
  });

  it('import_role and include_role run the role\'s tasks with its defaults; meta dependencies run first', async () => {
    p.write('roles/base/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "base", create: true }\n`);
    p.write('roles/app/meta/main.yml', `dependencies: [base]\n`);
    p.write('roles/app/defaults/main.yml', `who: app-default\n`);
    p.write('roles/app/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "app {{ who }}", create: true }\n`);
    p.write('roles/other/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "other", create: true }\n`);
    p.write('site.yml', `- hosts: h1\n  roles: [app]\n  tasks:\n    - import_role: { name: other }\n    - include_role: { name: other }\n      when: false\n- hosts: h2\n  tasks:\n    - include_role: { name: app }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'out.txt'), 'base\napp app-default\nother\n');
    assert.equal(p.read('h2', 'out.txt'), 'base\napp app-default\n');
  });

  it('roles are found on ESBPLAY_ROLES_PATH', async () => {
    const q = makeProject({ hosts: ['x'] });
    try {
      q.write('elsewhere/shared/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "shared", create: true }\n`);
      q.write('play/site.yml', `- hosts: all\n  roles: [shared]\n`);
      const r = await runLib(q, 'play/site.yml', { env: { ESBPLAY_ROLES_PATH: `${q.dir}/nothing:${q.dir}/elsewhere` } });
      assert.equal(r.exitCode, 0);
      assert.equal(q.read('x', 'out.txt'), 'shared\n');
      const cli = await runCli(q, 'play/site.yml');
      assert.equal(cli.code, 5);
      assert.match(cli.err, /role 'shared' not found/);
    } finally {
      q.cleanup();
    }
  });

  it('role tasks are labelled "role : task" in the output', async () => {
    p.write('roles/app/tasks/main.yml', `- name: configure\n  lineinfile: { path: "{{ root_dir }}/out.txt", line: "a", create: true }\n`);
    p.write('site.yml', `- hosts: h1\n  roles: [app]\n`);
    const r = await runCli(p, 'site.yml');
    assert.match(r.out, /^TASK \[app : configure\]/m);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^changed: \[h1\]$/m);
  });
});
