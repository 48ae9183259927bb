// Property tests: arbitrary token soup never escapes as anything but a UserError; arithmetic and comparisons agree with numbers.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UserError } from '../../src/errors.js';
import { Secret } from '../../src/vars/secret.js';
import { evaluate, evaluateCondition, referencedNames } from '../../src/vars/expr/index.js';

const VARS: Record<string, unknown> = { a: 1, s: 'txt', l: [1, 'x', null], d: { k: { j: 2 } }, p: new Secret('pw'), n: null };

const TOKENS = [
  'a', 's', 'l', 'd', 'p', 'n', 'zz', '.', 'k', 'j', '[', ']', '(', ')', '{', '}', ':', ',', "'q'", '"r"', '0', '-1', '2.5',
  '+', '-', '*', '/', '//', '%', '**', '~', '==', '!=', '<', '>=', 'and', 'or', 'not', 'in', 'not in', 'is', 'defined',
  'none', 'true', '|', 'default', 'length', 'upper', 'join', 'map', 'select', 'if', 'else', '=', 'attribute', 'split',
  '!', '&&', '?', '\\', "'", '"', ' ',
];

describe('expressions: properties', () => {
  it('any token sequence evaluates or fails with a UserError (no crash, no secret in the message)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }), (tokens) => {
        const expr = tokens.join(' ');
        for (const run of [() => evaluate(expr, VARS), () => evaluateCondition(expr, VARS), () => referencedNames(expr)]) {
          try {
            run();
          } catch (e) {
            if (!(e instanceof UserError)) throw new Error(`"${expr}" threw ${String(e)}`);
            if (e.message.includes('pw')) throw new Error(`"${expr}" revealed the secret: ${e.message}`);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('integer arithmetic and comparisons agree with Python semantics', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (x, y) => {
        const vars = { x, y };
        assert.equal(evaluate('x + y * 2 - 1', vars), x + y * 2 - 1);
        assert.equal(evaluate('x < y', vars), x < y);
        assert.equal(evaluate('not x == y', vars), x !== y);
        assert.equal(evaluate("x ~ ''", vars), String(x));
        if (y !== 0) {
          assert.equal(evaluate('x // y * y + x % y', vars), x);
          assert.ok(Math.sign(evaluate('x % y', vars) as number) !== -Math.sign(y));
        }
      }),
    );
  });
});
