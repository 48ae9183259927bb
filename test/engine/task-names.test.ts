// Task and handler names are rendered in their banners as ansible-playbook 2.14 renders them (first host's variables).

import assert from 'node:assert/strict';
import { hostResults, makeProject, runCli, runLib, type Project } from './helpers.js';

// What ansible-playbook 2.14.18 printed for this playbook (two hosts, the first with pkg nginx-h1, port 80)
const SITE = `- hosts: all
  vars: { svc: esb, names: [a, b] }
  tasks:
    - name: "install {{ item }}"
      debug: { msg: x }
      loop: [1, 2]
    - name: "on {{ inventory_hostname }} pkg {{ pkg }} port {{ port + 1 }}"
      debug: { msg: x }
    - name: "svc {{ svc | upper }} {{ names | join(',') }}"
      command: echo
      notify: "restart {{ svc }}"
    - name: "mixed {{ svc }} and {{ nope }}"
      debug: { msg: x }
    - name: "reg {{ r.stdout | default('none') }}"
      command: echo hi
      register: r
    - name: "after reg {{ r.stdout }}"
      debug: { msg: x }
    - name: "dict {{ {'a': 1} }} num {{ 3 }} bool {{ true }}"
      debug: { msg: x }
    - name: "{{ names }}"
      debug: { msg: x }
  handlers:
    - name: "restart {{ svc }}"
      debug: { msg: handler }
`;
const ANSIBLE_BANNERS = [
  'TASK [install {{ item }}]',
  'TASK [on h1 pkg nginx-h1 port 81]',
  'TASK [svc ESB a,b]',
  'TASK [mixed {{ svc }} and {{ nope }}]',
  'TASK [reg none]',
  'TASK [after reg hi]',
  "TASK [dict {'a': 1} num 3 bool True]",
  'TASK [debug]',
  'RUNNING HANDLER [restart esb]',
];

describe('engine: task names in banners', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2'], hostVars: { h1: { pkg: 'nginx-h1', port: 80 }, h2: { pkg: 'nginx-h2', port: 81 } } })));
  afterEach(() => p.cleanup());

  it('are rendered like ansible-playbook 2.14: first host\'s variables, undefined or loop variables left as written, a list name shows the module', async () => {
    p.write('site.yml', SITE);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.out + r.err);
    const banners = r.out.split('\n').filter((l) => /^(TASK|RUNNING HANDLER) \[/.test(l)).map((l) => l.replace(/ \*+$/, ''));
    assert.deepEqual(banners, ANSIBLE_BANNERS);
  });

  it('the rendered name is the one results carry; --start-at-task still matches the name as written', async () => {
    p.write('site.yml', SITE);
    const r = await runLib(p, 'site.yml');
    const names = [...new Set(hostResults(r.events).map((e) => e.task.name))];
    assert.ok(names.includes('on h1 pkg nginx-h1 port 81') && names.includes('restart esb'), names.join(' | '));
    const started = await runCli(p, 'site.yml', '--start-at-task', "after reg {{ r.stdout }}");
    assert.equal(started.code, 0, started.out + started.err);
    assert.match(started.out, /TASK \[after reg \{\{ r\.stdout \}\}\]/, 'r is not registered when starting there: shown as written');
    assert.doesNotMatch(started.out, /TASK \[reg none\]/);
  });
});
