// The keyword table: docs in sync, every keyword read at every level it is declared for, and keywords that used to be lost.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { KEYWORDS, fieldOf, keywordsOf, type Keyword, type KeywordSpec } from '../../src/loader/keywords.js';
import { updateKeywordTables } from '../../src/loader/keyword-docs.js';
import { readKeywords, rejectUnknown } from '../../src/loader/read-keywords.js';
import { parseYaml } from '../../src/loader/yaml.js';
import { makeProject, runCli, runLib, type Project } from './helpers.js';
import { connectionVars } from '../../src/executor/task-context.js';

/** A value of the right shape for each kind of keyword. */
const SAMPLE: Record<string, string> = {
  string: 'x', bool: 'true', number: '3', count: '2', strings: '[a, b]', conditions: 'a == 1', vars: '{ a: 1 }', mapping: '{ a: 1 }', raw: '{ A: b }',
};

describe('engine: playbook keywords are declared once', () => {
  it('docs/playbooks.md has the generated keyword tables (regenerate with updateKeywordTables from src/loader/keyword-docs.ts)', () => {
    const page = readFileSync(new URL('../../docs/playbooks.md', import.meta.url), 'utf8');
    assert.equal(updateKeywordTables(page), page);
    for (const level of ['play', 'block', 'task', 'role'] as const) assert.match(page, new RegExp(`keywords:${level}:begin`));
  });

  for (const level of ['play', 'block', 'task', 'role'] as const) {
    it(`every ${level} keyword is read into its field (none is accepted and then dropped)`, () => {
      for (const k of keywordsOf(level)) {
        const spec: KeywordSpec = KEYWORDS[k as Keyword];
        if (spec.kind === 'section') continue;
        const doc = parseYaml(`${k}: ${spec.choices?.[0] ?? SAMPLE[spec.kind]}\n`, 'kw.yml') as Record<string, unknown>;
        const out = readKeywords(doc, level);
        assert.ok(fieldOf(k as Keyword) in out, `${level} keyword ${k} was not read`);
        assert.doesNotThrow(() => rejectUnknown(doc, level));
      }
    });
  }

  it('a keyword with fixed choices refuses another value at its line (become_method: su)', () => {
    const doc = parseYaml('become: true\nbecome_method: su\n', 'kw.yml') as Record<string, unknown>;
    assert.throws(() => readKeywords(doc, 'task'), (e: unknown) => /'become_method' must be one of sudo, got 'su'/.test((e as Error).message) && (e as { loc?: { line: number } }).loc?.line === 2);
  });

  it('connection, remote_user and port fill in what the inventory does not set, never override it', () => {
    const inh = { varsChain: [], when: [], tags: [], connection: 'local', remoteUser: 'deploy', port: 2222 };
    assert.deepEqual({ ...connectionVars({ ansible_host: 'x' }, inh) }, { ansible_host: 'x', ansible_connection: 'local', ansible_user: 'deploy', ansible_port: 2222 });
    const set = { ansible_connection: 'ssh', ansible_user: 'root', ansible_port: 22 };
    assert.deepEqual({ ...connectionVars(set, inh) }, set);
  });

  it('an unknown keyword names the closest one at its line', () => {
    const doc = parseYaml('name: x\nthrotle: 2\n', 'kw.yml') as Record<string, unknown>;
    assert.throws(() => rejectUnknown(doc, 'play'), (e: unknown) => {
      const err = e as { message: string; loc?: { file: string; line: number } };
      return /unknown play keyword 'throtle' \(did you mean 'throttle'\?\)/.test(err.message) && err.loc?.file === 'kw.yml' && err.loc.line === 2;
    });
  });
});

describe('engine: environment and connection keywords', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1'] })));
  afterEach(() => p.cleanup());

  it('play, block and task environment merge, the inner level winning per variable', async () => {
    p.write('site.yml', `- hosts: all
  environment: { A: play, B: play, C: play }
  tasks:
    - block:
        - shell: echo "$A $B $C" > "{{ root_dir }}/env"
          environment: { C: task }
      environment: { B: block }
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'env'), 'play block task\n');
  });

  it('play connection: local reaches hosts whose inventory sets no ansible_connection (inventory wins when it does)', async () => {
    const q = makeProject({ hosts: ['h1'], hostVars: { h1: { ansible_connection: undefined as unknown as string } } });
    try {
      q.write('inventory/hosts.yml', JSON.stringify({ all: { hosts: { 'no-such-host.invalid': { root_dir: q.roots.h1 } } } }));
      q.write('site.yml', `- hosts: all\n  connection: local\n  tasks:\n    - copy: { dest: "{{ root_dir }}/x", content: "x" }\n`);
      const r = await runCli(q, 'site.yml');
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(q.read('h1', 'x'), 'x');
    } finally {
      q.cleanup();
    }
  });
});
