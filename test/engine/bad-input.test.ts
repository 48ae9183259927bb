// Invalid input: exit 5 with file:line:col on stderr, no stack trace, no host file created or changed.

import assert from 'node:assert/strict';
import path from 'node:path';
import { cli, hashHosts, makeProject, runCli, stackLines, type Project } from './helpers.js';

/** A first task that would change every host, so a late error proves the preflight ran first. */
const TOUCH = `    - name: would change
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "touched=1", create: true }
`;

interface Case {
  readonly name: string;
  /** project files (site.yml is the playbook) */
  readonly files: Record<string, string>;
  readonly args?: readonly string[];
  /** expected on stderr: the message and where (file relative to the project, line, col) */
  readonly msg: RegExp;
  readonly at?: readonly [string, number, number];
  /** replaces `-i inventory` (missing inventory) */
  readonly inventory?: string;
}

const tasks = (body: string) => `- hosts: all\n  tasks:\n${TOUCH}${body}`;

const CASES: Case[] = [
  {
    name: 'malformed YAML',
    files: { 'site.yml': `- hosts: all\n  tasks:\n    - name: a\n      lineinfile: { path: x, line: [ }\n` },
    msg: /./,
    at: ['site.yml', 4, 0],
  },
  {
    name: 'unknown module, with did-you-mean',
    files: { 'site.yml': tasks(`    - linefile: { path: x, line: y }\n`) },
    msg: /unknown module or keyword 'linefile'.*did you mean 'lineinfile'/s,
    at: ['site.yml', 5, 7],
  },
  {
    name: 'unknown task keyword, with did-you-mean',
    files: { 'site.yml': tasks(`    - lineinfile: { path: x, line: y }\n      whne: true\n`) },
    msg: /unknown keyword 'whne' in task.*did you mean 'when'/s,
    at: ['site.yml', 6, 7],
  },
  {
    name: 'unknown play keyword',
    files: { 'site.yml': `- hosts: all\n  taks: []\n` },
    msg: /unknown play keyword 'taks'.*did you mean 'tasks'/s,
    at: ['site.yml', 2, 3],
  },
  {
    name: 'wrong argument type',
    files: { 'site.yml': tasks(`    - lineinfile: { path: x, line: y, create: maybe }\n`) },
    msg: /argument 'create' must be a boolean, got string 'maybe'/,
    at: ['site.yml', 5, 39],
  },
  {
    name: 'missing required argument',
    files: { 'site.yml': tasks(`    - name: no path\n      lineinfile: { line: y }\n`) },
    msg: /missing required argument 'path' for module 'lineinfile'/,
    at: ['site.yml', 6, 19],
  },
  {
    name: 'misspelt argument, closest suggestion',
    files: { 'site.yml': tasks(`    - lineinfile:\n        path: x\n        lien: y\n`) },
    msg: /lien.*did you mean 'line'/s,
    at: ['site.yml', 7, 9],
  },
  {
    name: 'undefined variable in args',
    files: { 'site.yml': tasks(`    - lineinfile:\n        path: "{{ root_dir }}/app.conf"\n        line: "v={{ no_such_var }}"\n`) },
    msg: /undefined variable 'no_such_var'/,
    at: ['site.yml', 7, 0],
  },
  {
    name: 'undefined variable in a template',
    files: {
      'site.yml': tasks(`    - template: { src: app.j2, dest: "{{ root_dir }}/out.conf" }\n`),
      'templates/app.j2': 'line one\nvalue={{ missing_in_template }}\n',
    },
    msg: /missing_in_template/,
    at: ['templates/app.j2', 2, 0],
  },
  {
    name: 'missing template',
    files: { 'site.yml': tasks(`    - template: { src: nowhere.j2, dest: "{{ root_dir }}/out.conf" }\n`) },
    msg: /template 'nowhere\.j2' not found; looked in: /,
    at: ['site.yml', 5, 0],
  },
  {
    name: 'missing role',
    files: { 'site.yml': `- hosts: all\n  roles:\n    - no_such_role\n` },
    msg: /role 'no_such_role' not found/,
    at: ['site.yml', 3, 7],
  },
  {
    name: 'cyclic role dependencies',
    files: {
      'site.yml': `- hosts: all\n  roles:\n    - a\n`,
      'roles/a/meta/main.yml': 'dependencies:\n  - b\n',
      'roles/a/tasks/main.yml': '- lineinfile: { path: x, line: y }\n',
      'roles/b/meta/main.yml': 'dependencies:\n  - role: a\n',
    },
    msg: /cyclic role dependency: a -> b -> a/,
    at: ['roles/b/meta/main.yml', 2, 0],
  },
  {
    name: 'notify of a handler that does not exist',
    files: { 'site.yml': tasks(`    - lineinfile: { path: x, line: y }\n      notify: restart nothing\n`) + `  handlers:\n    - name: restart something\n      lineinfile: { path: x, line: z }\n` },
    msg: /notifies 'restart nothing'/,
    at: ['site.yml', 6, 15],
  },
  {
    name: 'missing inventory',
    files: { 'site.yml': tasks('') },
    inventory: 'no-such-inventory',
    msg: /no-such-inventory/,
  },
  {
    name: 'bad -e (not a mapping)',
    files: { 'site.yml': tasks('') },
    args: ['-e', '{not: [closed'],
    msg: /extra-vars|-e/,
  },
  {
    name: 'bad -e @file that does not exist',
    files: { 'site.yml': tasks('') },
    args: ['-e', '@nothere.yml'],
    msg: /nothere\.yml/,
  },
];

describe('engine: bad input exits 5 before touching any host', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ seed: { 'keep.conf': 'k=1\n' } })));
  afterEach(() => p.cleanup());

  for (const c of CASES) {
    it(c.name, async () => {
      for (const [rel, text] of Object.entries(c.files)) p.write(rel, text);
      const before = hashHosts(p);
      const argv = ['run', path.join(p.dir, 'site.yml'), '-i', c.inventory ? path.join(p.dir, c.inventory) : p.inventory, ...(c.args ?? [])];
      const prev = process.cwd();
      process.chdir(p.dir);
      let r;
      try {
        r = await cli(argv);
      } finally {
        process.chdir(prev);
      }
      if (process.env.SHOW) console.log(r.err);
      assert.equal(r.code, 5, `exit ${r.code}\nstdout: ${r.out}\nstderr: ${r.err}`);
      assert.match(r.err, c.msg);
      if (c.at) {
        const [file, line, col] = c.at;
        const where = `${path.join(p.dir, file)}:${line}:${col === 0 ? '\\d+' : col}`;
        assert.match(r.err, new RegExp(where.replace(/[.]/g, '\\.')), `expected ${file}:${line}:${col} in:\n${r.err}`);
      }
      assert.deepEqual(stackLines(r.err), [], `stack trace printed:\n${r.err}`);
      assert.doesNotMatch(r.err, /this is a bug/);
      assert.deepEqual(hashHosts(p), before, 'a host file was created or changed');
    });
  }

  it('an undefined variable in the last task is reported before the first task changes anything (library API throws UserError)', async () => {
    p.write('site.yml', tasks(`    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "{{ later }}" }\n`));
    const before = hashHosts(p);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5);
    assert.match(r.err, /undefined variable 'later'/);
    assert.equal(r.out.includes('changed:'), false);
    assert.deepEqual(hashHosts(p), before);
  });
});
