// Symbolic modes: resolveMode against Ansible's own _symbolic_mode_to_octal (python3 + ansible), and the mode argument type.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { coerce } from '../../src/modules/args.js';
import { requireAnsible } from '../compat/ansible-env.js';
import { isSymbolicMode, resolveMode } from '../../src/modules/symbolic-mode.js';

type Input = [mode: string, current: number, isDir: boolean];

const ANSIBLE = `
import json, os, stat, sys
from ansible.module_utils.basic import AnsibleModule
os.umask(0o022)
class St: pass
out = []
for mode, cur, is_dir in json.load(sys.stdin):
    st = St()
    st.st_mode = (stat.S_IFDIR if is_dir else stat.S_IFREG) | cur
    out.append(AnsibleModule._symbolic_mode_to_octal(st, mode))
print(json.dumps(out))
`;

/** What Ansible computes for each input (one python3 process for all of them). */
function ansibleModes(python: string, inputs: readonly Input[]): number[] {
  return JSON.parse(execFileSync(python, ['-c', ANSIBLE], { input: JSON.stringify(inputs), encoding: 'utf8' })) as number[];
}

const clause = fc
  .tuple(
    fc.constantFrom('', 'a', 'u', 'g', 'o', 'ug', 'go', 'uo', 'ugo', 'ou'),
    fc.array(fc.tuple(fc.constantFrom('+', '-', '='), fc.stringMatching(/^[rwxXstugo]{0,4}$/)), { minLength: 1, maxLength: 2 }),
  )
  .map(([who, ops]) => who + ops.map(([op, perms]) => op + perms).join(''));
const input: fc.Arbitrary<Input> = fc.tuple(
  fc.array(clause, { minLength: 1, maxLength: 3 }).map((c) => c.join(',')),
  fc.integer({ min: 0, max: 0o7777 }),
  fc.boolean(),
);

describe('symbolic modes', () => {
  it('resolveMode gives the bits Ansible computes (the modes of the docs and 300 random ones, files and directories)', function () {
    const { python } = requireAnsible(this);
    const fixed: Input[] = [
      ['u=rw,g=r,o=', 0o755, false],
      ['u+x,g-r', 0o644, false],
      ['u=rwX,g=rX,o=', 0o644, false],
      ['u=rwX,g=rX,o=', 0o640, true],
      ['u=rwX,g=rX,o=', 0o744, false],
      ['+x', 0o600, false],
      ['a=r,u+w', 0o000, false],
      ['go=u-w', 0o750, false],
      ['o=t,g+s', 0o755, true],
    ];
    const inputs = [...fixed, ...fc.sample(input, { numRuns: 300, seed: 17 })];
    const want = ansibleModes(python, inputs);
    const got = inputs.map(([mode, cur, isDir]) => resolveMode(mode, cur, isDir));
    const wrong = inputs
      .map((x, i) => ({ input: x, ansible: want[i]!.toString(8), esbplay: got[i]!.toString(8) }))
      .filter((r) => r.ansible !== r.esbplay);
    assert.deepEqual(wrong, []);
    assert.deepEqual(
      fixed.map(([m, c, d]) => resolveMode(m, c, d).toString(8)),
      ['640', '704', '640', '750', '750', '711', '644', '755', '3750'],
    );
  });

  it("the mode argument takes octal numbers and text, symbolic text, and refuses anything else with the type's message", () => {
    assert.equal(coerce('mode', 'mode', '0640'), 0o640);
    assert.equal(coerce('mode', 'mode', 0o600), 0o600);
    assert.equal(coerce('mode', 'mode', 'u=rw,g=r,o='), 'u=rw,g=r,o=');
    for (const bad of ['u=rw;g=r', 'rw-r--r--', 'u=rw,', 'z+x', '0999', 'ag+x']) {
      assert.equal(isSymbolicMode(bad), false, bad);
      assert.throws(
        () => coerce('mode', 'mode', bad),
        /argument 'mode' must be an octal mode like 0644 or a symbolic one like 'u=rw,g=r,o='/,
      );
    }
  });
});
