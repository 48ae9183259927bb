// Differential: esbplay's k=v argument splitting against Ansible's own parse_kv on a corpus and random strings.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { parseKv, COMMAND_KEYS } from '../../src/loader/kv-args.js';
import { requireAnsible, type AnsibleEnv } from './ansible-env.js';

const CORPUS = [
  'echo hi', 'set -e\nn=$(( 1 + 1 ))\necho $n > out\n', 'echo a chdir=/tmp creates=/x', 'FOO=bar env',
  'echo "a  b"   c', "echo {{ x | default('a b') }} done", 'cat <<EOF\nline one\n  indented\nEOF\n', 'ls \\\n  -l',
  'dest=/tmp/x content="a\\nb" mode=0644', "msg='hello world'", 'path=/a\\=b state=touch', '', '  lead', 'trail  ',
  'a=1 b="two words" c=\'x y\' d', "{% if x %}a{% endif %} k=v", '{# c #} k=v', 'k="unicode \\u00e9 \\x41 \\t"',
  'echo \'it\'"s"', 'key=  spaced', '=x', 'a==b', 'x\\=y', 'printf "%s\\n" a=b', 'python3 -c "print(1)" executable=/bin/bash',
  'echo a\n\n\nb', 'k={{ a }}={{ b }}', 'stdin="a b" strip_empty_ends=no cmd',
];

/** Ansible's answer for each input: the options, or "error" when it refuses the string. */
function ansibleParse(env: AnsibleEnv, inputs: readonly (readonly [string, boolean])[]): unknown[] {
  const script = `
import json, sys
from ansible.parsing.splitter import parse_kv
out = []
for text, raw in json.load(sys.stdin):
    try:
        out.append(parse_kv(text, check_raw=raw))
    except Exception:
        out.append("error")
print(json.dumps(out))`;
  return JSON.parse(execFileSync(env.python, ['-c', script], { input: JSON.stringify(inputs), encoding: 'utf8' })) as unknown[];
}

function esbplayParse(text: string, raw: boolean): unknown {
  try {
    return parseKv(text, raw ? COMMAND_KEYS : undefined);
  } catch {
    return 'error';
  }
}

describe('compat: k=v argument strings (parse_kv)', () => {
  let env: AnsibleEnv;
  before(function () {
    env = requireAnsible(this);
  });

  it('a corpus of free-form and k=v strings splits exactly as Ansible splits it, with and without check_raw', () => {
    const inputs = CORPUS.flatMap((t) => [[t, true], [t, false]] as const);
    const expected = ansibleParse(env, inputs);
    inputs.forEach(([t, raw], i) => assert.deepEqual(esbplayParse(t, raw), expected[i], JSON.stringify(t)));
  });

  it('600 random strings of quotes, =, spaces, newlines, backslashes and Jinja delimiters split as Ansible splits them', () => {
    const piece = fc.constantFrom('a', 'b=', 'chdir=', '=', ' ', '  ', '\n', '"', "'", '\\', '\\n', '{{', '}}', '{%', '%}', '{#', '#}', 'x y', 'é');
    const inputs = fc.sample(fc.tuple(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), fc.boolean()), { numRuns: 600, seed: 9 });
    const expected = ansibleParse(env, inputs);
    inputs.forEach(([t, raw], i) => assert.deepEqual(esbplayParse(t, raw), expected[i], JSON.stringify(t)));
  });
});
