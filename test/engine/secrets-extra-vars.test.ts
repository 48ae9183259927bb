// Errors about -e never echo a value: which -e, which column and what is wrong; an @file's quoted line hides secret-named and !secret values.

import assert from 'node:assert/strict';
import { makeProject, play, runCli, stackLines, type Project } from './helpers.js';

describe('extra vars errors show no values', () => {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ hosts: ['h1'] });
    p.write('site.yml', play('- debug: { msg: hi }\n'));
  });
  afterEach(() => p.cleanup());

  const fails = async (args: string[], where: RegExp, hidden: readonly string[]) => {
    const r = await runCli(p, 'site.yml', ...args);
    assert.equal(r.code, 5, r.err);
    assert.match(r.err, where);
    for (const h of hidden) assert.ok(!r.out.includes(h) && !r.err.includes(h), `${h} shown in: ${r.err}`);
    assert.deepEqual(stackLines(r.err), []);
    return r.err;
  };

  it('key=value: an unclosed quote in a secret value names the -e, the column and the key, not the value', async () => {
    await fails(['-e', `db_password=ab'c`], /ERROR! -e #1 column 15: this ' quote is never closed \(in the value of db_password, not shown\); expected key=value/, [`ab'c`, `=ab`]);
    await fails(['-e', 'a=1', '-e', `  x=1 api_token="Tok en`], /-e #2 column 17: this " quote is never closed \(in the value of api_token, not shown\)/, ['Tok']);
  });

  it('key=value: a value with a space (the rest of a password) is not echoed as "free-form text"', async () => {
    await fails(['-e', 'db_password=first secondhalf'], /-e #1 column 19: a word that is not key=value after the value of db_password \(not shown\)/, ['first', 'secondhalf']);
  });

  it('a JSON/YAML mapping: the YAML error with -e, line and column; neither the argument nor a !secret value shown', async () => {
    await fails(['-e', '{"db_password": "ab"c"}'], /ERROR! -e #1 column 21: YAML syntax error: .*\(the argument is not shown: it may hold secrets\)/, ['"ab"c"', 'ab"c']);
    await fails(['-e', 'a=1', '-e', '{token: !secret "Tag-s3cr3t",\n b: [}'], /-e #2 line 2 column \d+: YAML syntax error/, ['Tag-s3cr3t']);
  });

  it('@file: file:line:col and the line, with secret-named and !secret values masked', async () => {
    p.write('vars1.yml', 'a: 1\ndb_password: File-s3cr3t: x\n');
    const e1 = await fails(['-e', `@${p.dir}/vars1.yml`], /vars1\.yml:2:\d+: YAML syntax error/, ['File-s3cr3t']);
    assert.match(e1, /db_password: \*{8}/);
    p.write('vars2.yml', 'a: 1\ntoken: !secret Tagged-s3cr3t: x\n');
    const e2 = await fails(['-e', `@${p.dir}/vars2.yml`], /vars2\.yml:2:\d+: YAML syntax error/, ['Tagged-s3cr3t']);
    assert.match(e2, /token: !secret \*{8}/);
  });

  it('well-formed -e values still load (key=value, quoted, mapping, !secret, @file)', async () => {
    p.write('site.yml', play('- debug: { msg: "{{ a }}-{{ b }}-{{ c.d }}" }\n'));
    p.write('v.yml', 'c: { d: fromfile }\n');
    const r = await runCli(p, 'site.yml', '-e', `a="x y" b=2`, '-e', '{b: 3, tok: !secret "zz-s3cr3t"}', '-e', `@${p.dir}/v.yml`, '-v');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /x y-3-fromfile/);
  });
});
