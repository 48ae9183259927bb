// Templates through the whole tool: a role's template with include, lookups and loops, rendered by esbplay and by ansible-playbook.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findAnsible } from '../compat/ansible-env.js';
import { makeProject, runCli, stackLines, type Project } from '../engine/helpers.js';

const ROLE_FILES: Readonly<Record<string, string>> = {
  'roles/web/defaults/main.yml': 'greeting: hello\nworkers: [w1, w2]\nports: {http: 8280, https: 8243}\n',
  'roles/web/files/motd.txt': 'Welcome to {{ not rendered }}\n\n',
  'roles/web/templates/part.j2': '# part for {{ inventory_hostname }}\n',
  'roles/web/templates/main.conf.j2': [
    '# {{ ansible_managed }}',
    "{% include 'part.j2' %}",
    '{% for w in workers %}',
    'server {{ w }}:{{ ports.http }};{% if loop.last %} # last{% endif %}',
    '',
    '{% endfor %}',
    "motd={{ lookup('file', 'motd.txt') }}",
    '{{ ports | to_nice_json }}',
    '{{ {"workers": workers} | to_nice_yaml }}',
  ].join('\n') + '\n',
  'roles/web/tasks/main.yml': [
    '- name: config from a template',
    '  template:',
    '    src: main.conf.j2',
    '    dest: "{{ root_dir }}/main.conf"',
    '- name: content with a final newline',
    '  copy:',
    '    content: "{{ greeting }}\\n"',
    '    dest: "{{ root_dir }}/greeting.txt"',
    '- name: content from a block scalar',
    '  copy:',
    '    content: |',
    '      {% for w in workers %}',
    '      {{ w }}={{ greeting | upper }}',
    '      {% endfor %}',
    '    dest: "{{ root_dir }}/block.txt"',
  ].join('\n') + '\n',
  'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [web]\n',
};

const EXPECTED: Readonly<Record<string, string>> = {
  'main.conf':
    // an included template loses its final newline and trim_blocks eats the one after the tag, as in Ansible
    '# Ansible managed\n# part for h1server w1:8280;\nserver w2:8280; # last\nmotd=Welcome to {{ not rendered }}\n{\n    "http": 8280,\n    "https": 8243\n}\nworkers:\n- w1\n- w2\n',
  'greeting.txt': 'hello\n',
  'block.txt': 'w1=HELLO\nw2=HELLO\n',
};

function runAnsiblePlaybook(playbook: string, p: Project): Promise<{ code: number; out: string }> {
  const found = findAnsible();
  if ('missing' in found) throw new Error(found.missing);
  const state = mkdtempSync(path.join(os.tmpdir(), 'esbplay-ansible-'));
  const env = {
    ...process.env,
    ANSIBLE_HOME: state,
    ANSIBLE_LOCAL_TEMP: path.join(state, 'tmp'),
    ANSIBLE_REMOTE_TMP: path.join(state, 'tmp'),
    ANSIBLE_RETRY_FILES_ENABLED: '0',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_GATHERING: 'explicit',
    ANSIBLE_PYTHON_INTERPRETER: found.python,
    ANSIBLE_ROLES_PATH: path.join(p.dir, 'roles'),
  };
  return new Promise((resolve) => {
    execFile(found.playbook, ['-i', p.inventory, path.join(p.dir, playbook)], { cwd: p.dir, env, timeout: 300_000 }, (err, stdout, stderr) => {
      rmSync(state, { recursive: true, force: true });
      resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe('jinja: templates through a playbook', function () {
  this.timeout(300000);
  let p: Project;
  beforeEach(() => {
    p = makeProject({ hosts: ['h1'], files: ROLE_FILES });
  });
  afterEach(() => p.cleanup());

  it('esbplay renders the role: include from templates/, lookup from files/, loops, filters, newlines kept; a second run changes nothing', async () => {
    const first = await runCli(p, 'site.yml');
    assert.equal(first.code, 0, first.out + first.err);
    for (const [file, text] of Object.entries(EXPECTED)) assert.equal(p.read('h1', file), text, file);
    const second = await runCli(p, 'site.yml');
    assert.equal(second.code, 0);
    assert.match(second.out, /changed=0/);
  });

  it('ansible-playbook writes the same bytes (the expectation above is Ansible\'s)', async function () {
    if ('missing' in findAnsible()) {
      if (process.env.CI === 'true') throw new Error('ansible-playbook is needed under CI=true');
      this.skip();
    }
    const r = await runAnsiblePlaybook('site.yml', p);
    assert.equal(r.code, 0, r.out);
    for (const [file, text] of Object.entries(EXPECTED)) assert.equal(p.read('h1', file), text, `${file} as ansible-playbook wrote it`);
  });

  it('an undefined variable in a template stops the run before any host is touched (exit 5), at the template line', async () => {
    p.write('roles/web/templates/main.conf.j2', 'line 1\n{% if true %}\n  value={{ not_defined_anywhere }}\n{% endif %}\n');
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /main\.conf\.j2:3:12: undefined variable 'not_defined_anywhere'/);
    assert.match(r.err, /\n {4} {2}value=\{\{ not_defined_anywhere \}\}\n/);
    assert.deepEqual(stackLines(r.err), []);
    assert.ok(!existsSync(p.file('h1', 'greeting.txt')), 'no task ran');
  });

  it('a template syntax error is reported the same way', async () => {
    p.write('roles/web/templates/main.conf.j2', 'a\nb\n{% for x in workers %}\n{{ x }}\n');
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5, r.out + r.err);
    assert.match(r.err, /main\.conf\.j2:3:4: template syntax error: '\{% for %\}' is never closed/);
  });
});
