// ansible-playbook habits: bare command, --version, --list-tags (same text as ansible-playbook), --start-at-task, --step, -K.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageInfo } from '../../src/package-root.js';
import { cli, cliChild, localInventory, tempProject } from './cli-helpers.js';

/** Four tasks, each writing its own file under the project (local hosts, no root needed). */
const FOUR_TASKS = `- hosts: all
  tasks:
${['one', 'two', 'three', 'four'].map((t) => `    - name: task ${t}\n      copy: { content: "${t}\\n", dest: "{{ playbook_dir }}/out-${t}.txt" }`).join('\n')}
`;

describe('cli: ansible-playbook habits', () => {
  let p: ReturnType<typeof tempProject>;
  beforeEach(() => {
    p = tempProject({ 'inv.yml': localInventory(['h1']), 'four.yml': FOUR_TASKS });
  });
  afterEach(() => p.cleanup());
  const written = () => ['one', 'two', 'three', 'four'].filter((t) => existsSync(path.join(p.dir, `out-${t}.txt`)));

  it('a bare esbplay prints the help to stdout and exits 0; an unknown command is exit 5 with the closest one', async () => {
    const r = await cli([], { cwd: p.dir });
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    assert.match(r.out, /^Usage: esbplay <command> \[options\]/);
    for (const c of ['run', 'init', 'graph', 'doc', 'vault']) assert.match(r.out, new RegExp(`^  ${c} `, 'm'));
    const bad = await cli(['rnu', 'x.yml'], { cwd: p.dir });
    assert.equal(bad.code, 5);
    assert.match(bad.err, /^ERROR! 'rnu' is not an esbplay command \(did you mean 'run'\?\)/);
  });

  it('--version prints the version, the config file, the role search path, the package and node, exit 0', async () => {
    const r = await cli(['--version'], { cwd: p.dir });
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.equal(lines[0], `esbplay ${packageInfo().version}`);
    assert.equal(lines[1], '  config file = None');
    assert.match(
      lines[2]!,
      new RegExp(
        `^  configured role search path = \\['${p.dir}/playbooks/roles', '${p.dir}/roles', .*'${path.resolve(import.meta.dirname, '../..')}/roles'\\]$`,
      ),
    );
    assert.match(r.out, /^ {2}node version = v\d+/m);
  });

  it('--list-tags prints what ansible-playbook --list-tags prints for the same playbook', async function () {
    p.write(
      'tags.yml',
      `- hosts: all
  name: first
  tags: [pt]
  tasks:
    - debug: { msg: a }
      tags: [b, a]
    - block:
        - debug: { msg: c }
          tags: c
      tags: [blk]
- hosts: all
  tasks:
    - debug: { msg: x }
`,
    );
    const ours = await cli(['run', 'tags.yml', '-i', 'inv.yml', '--list-tags'], { cwd: p.dir });
    assert.equal(ours.code, 0, ours.err);
    let theirs: string;
    try {
      theirs = execFileSync('ansible-playbook', ['-i', 'inv.yml', '--list-tags', 'tags.yml'], {
        cwd: p.dir,
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
      });
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return this.skip(); // ansible-core not installed (.ci/run installs it)
      throw e;
    }
    const body = (t: string) => t.trim().split('\n').slice(1).join('\n');
    assert.equal(body(ours.out), body(theirs));
  });

  it('--start-at-task starts at the first task whose name (or role : name) matches, glob included; no match is exit 5 before any host', async () => {
    const r = await cli(['run', 'four.yml', '-i', 'inv.yml', '--start-at-task', 'task three'], { cwd: p.dir });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(written(), ['three', 'four']);
    assert.doesNotMatch(r.out, /TASK \[task (one|two)\]/);
    p.cleanup();
    p = tempProject({ 'inv.yml': localInventory(['h1']), 'four.yml': FOUR_TASKS });
    assert.equal((await cli(['run', 'four.yml', '-i', 'inv.yml', '--start-at-task', 't*o'], { cwd: p.dir })).code, 0);
    assert.deepEqual(written(), ['two', 'three', 'four']);
    p.cleanup();
    p = tempProject({ 'inv.yml': localInventory(['h1']), 'four.yml': FOUR_TASKS });
    const none = await cli(['run', 'four.yml', '-i', 'inv.yml', '--start-at-task', 'task five'], { cwd: p.dir });
    assert.equal(none.code, 5);
    assert.match(none.err, /^ERROR! --start-at-task: no task matches "task five"/);
    assert.deepEqual(written(), []);
  });

  it('--step asks before each task: n skips (the default), y runs, c runs this one and the rest without asking', async () => {
    const r = await cliChild(['run', 'four.yml', '-i', 'inv.yml', '--step'], { cwd: p.dir, input: 'n\ny\nc\n' });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(written(), ['two', 'three', 'four']);
    const asked = r.err.match(/Perform task: TASK: [^(]+\(N\)o\/\(y\)es\/\(c\)ontinue: /g) ?? [];
    assert.deepEqual(
      asked.map((q) => /TASK: (.*?) \(N/.exec(q)![1]),
      ['task one', 'task two', 'task three'],
    );
  });

  it('-K reads the become password (here from stdin, no terminal) and it is a secret: masked in every output', async () => {
    p.write('pw.yml', '- hosts: all\n  tasks:\n    - debug: { msg: "pw={{ ansible_become_password }}" }\n');
    const r = await cliChild(['run', 'pw.yml', '-i', 'inv.yml', '-K', '-v', '--output', 'json'], {
      cwd: p.dir,
      input: 'Sup3r-s3cret-pw\n',
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /pw=\*{8}/);
    assert.doesNotMatch(r.out + r.err, /Sup3r-s3cret-pw/);
  });

  it('--syntax-check, --list-hosts and --list-tasks still answer without touching a host', async () => {
    const r = await cli(['run', 'four.yml', '-i', 'inv.yml', '--syntax-check', '--list-tasks'], { cwd: p.dir });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {6}task four\tTAGS: \[\]$/m);
    assert.match(r.out, /^syntax OK$/m);
    assert.deepEqual(written(), []);
    assert.equal(readFileSync(path.join(p.dir, 'four.yml'), 'utf8'), FOUR_TASKS);
  });
});
