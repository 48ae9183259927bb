// Quoting through the whole engine over real ssh: argv words with spaces, quotes, $(), backticks, newlines and non-ASCII arrive unchanged.

import assert from 'node:assert/strict';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { runJson, writeProject } from './lab-playbook.js';

const WORDS = [
  'two words', "it's", '"double"', '$(touch /opt/pwned)', '`touch /opt/pwned2`', 'line1\nline2', 'héllo wörld ✓ 日本',
  '$HOME', '*', ';', '&& id', '| cat', '\\', '', 'tab\there', '  lead and trail  ', '-n', '--', "'$(x)'\"`y`\"",
];

describe('lab playbook: quoting over ssh', function () {
  this.timeout(120_000);
  let lab: Lab;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 2, namePrefix: 'q' });
  });
  after(async () => lab?.stop());

  it("a command task's argv arrives word for word (registered stdout of printf '%s\\n'), as root and through sudo", async () => {
    // JSON is YAML: the words go into the playbook without any YAML quoting question
    const play = [{
      hosts: 'all',
      tasks: [
        { name: 'printf', command: { argv: ['printf', '%s\\n', ...WORDS] }, register: 'out' },
        { name: 'printf as app', command: { argv: ['printf', '%s\\n', ...WORDS] }, become: true, become_user: 'app', register: 'out_app' },
        { name: 'argc', command: { argv: ['sh', '-c', 'echo $#', 'sh', ...WORDS] }, register: 'argc' },
        { name: 'nothing was run by the words', command: { argv: ['ls', '/opt'] }, register: 'ls' },
      ],
    }];
    const dir = await writeProject(lab, 'quoting-project', { 'site.yml': JSON.stringify(play, null, 2) });
    const r = await runJson(path.join(dir, 'site.yml'), await lab.inventory());
    assert.equal(r.code, 0, `${r.out}\n${r.err}`);
    const tasks = r.json.plays[0]!.tasks;
    const result = (task: string, host: string) => tasks.find((t) => t.task.name === task)!.hosts[host]!.result!;
    // stdout is reported without its final newline (strip_empty_ends, as Ansible)
    const expected = `${WORDS.join('\n')}`;
    for (const h of lab.hosts) {
      assert.equal(result('printf', h.name).stdout, expected, h.name);
      assert.equal(result('printf as app', h.name).stdout, expected, `${h.name} via sudo`);
      assert.equal(result('argc', h.name).stdout, String(WORDS.length));
      assert.doesNotMatch(String(result('nothing was run by the words', h.name).stdout), /pwned/);
    }
  });
});
