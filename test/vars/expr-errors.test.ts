// Error cases of the expression language: syntax errors with columns, undefined variables, type errors, unknown names.

import assert from 'node:assert/strict';
import { UserError } from '../../src/errors.js';
import { UndefinedVariableError, checkExpression, evaluate, renderExpression } from '../../src/vars/expr/index.js';

const VARS: Record<string, unknown> = {
  n: 3,
  s: 'text',
  d: { a: 1 },
  list: [1, 2],
  result: { rc: 0 },
};
const LOC = { file: 'site.yml', line: 12, col: 7 };

/** [expression, message pattern, variable named by an UndefinedVariableError (or null for a plain UserError)] */
const ERROR_CASES: [string, RegExp, string | null][] = [
  ['foo == 1', /^undefined variable 'foo' in "foo == 1"$/, 'foo'],
  ['missing.rc == 0', /^undefined variable 'missing' in "missing.rc == 0"$/, 'missing'],
  ["missing['x']", /undefined variable 'missing'/, 'missing'],
  ['n + missing', /undefined variable 'missing'/, 'missing'],
  ['d.nope + 1', /undefined value 'd.nope'/, 'd.nope'],
  ['d.nope | upper', /undefined value 'd.nope'/, 'd.nope'],
  ["d.nope ~ 'x'", /undefined value 'd.nope'/, 'd.nope'],
  ['missing is none', /undefined variable 'missing'/, 'missing'],
  ['missing | mandatory', /undefined mandatory variable 'missing'/, 'missing'],
  ["missing | mandatory('set db_url first')", /^set db_url first in /, 'missing'],
  ['n ==', /syntax error in expression at column 5: expected expression after ==/, null],
  ['n &&  s', /column 3: unexpected '&' \(use 'and' \/ 'or'\)/, null],
  ['!n', /use 'not'/, null],
  ['n = 3', /use '==' to compare/, null],
  ['n ? 1 : 2', /not supported; write 'b if a else c'/, null],
  ["'unclosed", /unclosed quote/, null],
  ['[1, 2', /column/, null],
  ['n | lowr', /unknown filter 'lowr' \(did you mean 'lower'\?\)/, null],
  ['n is defind', /unknown test 'defind' \(did you mean 'defined'\?\)/, null],
  ['n | 3', /expected a filter name after '\|'/, null],
  ['lenght(s)', /unknown function 'lenght\(\)'/, null],
  ["s.spilt(',')", /unknown string method 'spilt\(\)' \(did you mean 'split'\?\)/, null],
  ["n + 'a'", /'\+' needs numbers, got string \(use '~' to join text/, null],
  ["n < 'a'", /cannot compare number with string using '<' \(convert the string first/, null],
  ['n / 0', /division by zero/, null],
  ["list['x']", /a list index must be an integer, got string/, null],
  ['n in 5', /'in' needs a list, string or mapping on the right, got number/, null],
  ['n is failed', /the 'failed' test needs a registered task result/, null],
  ["s is match('(')", /invalid regular expression '\('/, null],
  ["'5.0' is version('4', 'newer')", /unknown version operator 'newer'/, null],
  ['', /empty expression/, null],
  ['null == 1', /^undefined variable 'null'/, 'null'],
  ['n ==\n', /column/, null],
];

describe('expressions: errors', () => {
  for (const [expr, pattern, variable] of ERROR_CASES) {
    it(`${JSON.stringify(expr)} -> ${pattern}`, () => {
      assert.throws(
        () => evaluate(expr, VARS, LOC),
        (e: unknown) => {
          assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
          assert.match(e.message, pattern);
          assert.deepEqual(e.loc, LOC);
          if (variable === null) assert.ok(!(e instanceof UndefinedVariableError), 'not an undefined-variable error');
          else {
            assert.ok(e instanceof UndefinedVariableError, 'an UndefinedVariableError');
            assert.equal(e.variable, variable);
          }
          return true;
        },
      );
    });
  }

  it('a syntax error shows the expression and a caret under the column', () => {
    assert.throws(() => evaluate('n == == 1', VARS), (e: UserError) => {
      assert.equal(e.message.split('\n').slice(1).join('\n'), '    n == == 1\n         ^');
      return true;
    });
  });

  it('checkExpression finds unknown filters and tests without evaluating (no variables needed)', () => {
    assert.doesNotThrow(() => checkExpression('undefined_var | default(1) is number', LOC));
    assert.throws(() => checkExpression('x | to_jsn', LOC), /unknown filter 'to_jsn' \(did you mean 'to_json'\?\) in "x \| to_jsn"/);
    assert.throws(() => checkExpression('x is chnaged', LOC), /unknown test 'chnaged'/);
    assert.throws(() => checkExpression('x ==', LOC), /syntax error/);
  });

  it('renderExpression refuses an undefined result, naming the path', () => {
    assert.equal(renderExpression('d.a + 1', VARS), '2');
    assert.throws(() => renderExpression('result.stdout', VARS, LOC), (e: unknown) => {
      assert.ok(e instanceof UndefinedVariableError);
      assert.equal(e.variable, 'result.stdout');
      assert.equal(e.root, 'result');
      assert.match(e.message, /undefined value 'result.stdout' in "result.stdout"/);
      return true;
    });
  });
});
