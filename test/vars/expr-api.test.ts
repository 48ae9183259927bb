// Conditions (truthiness, unwrapping, lists), Secrets inside expressions, static variable names, template text.

import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { UserError } from '../../src/errors.js';
import { Secret, isSecret } from '../../src/vars/secret.js';
import { evaluate, evaluateCondition, referencedNames, renderExpression, renderExpressionValue } from '../../src/vars/expr/index.js';

const VARS: Record<string, unknown> = {
  on: true,
  off: false,
  zero: 0,
  word_false: 'false',
  word_no: 'No',
  word_yes: 'yes',
  text: 'some output',
  empty: '',
  empty_list: [],
  items: [1],
  result: { rc: 0, changed: false },
  checked: { skipped: true, check_mode_skipped: true, changed: true },
  pass: new Secret('s3cret'),
  user: 'admin',
};

const CONDITION_CASES: [Parameters<typeof evaluateCondition>[0], boolean][] = [
  [true, true],
  [false, false],
  [1, true],
  [0, false],
  [null, true],
  ['on', true],
  ['off', false],
  ['zero', false],
  ['word_false', false],
  ['word_no', false],
  ['word_yes', true],
  ['text', true],
  ['empty', false],
  ['empty_list', false],
  ['items', true],
  ['not word_false', true],
  ['{{ on }}', true],
  ['  {{ off }}  ', false],
  ['{{ result.rc == 0 }}', true],
  [['on', 'result.rc == 0'], true],
  [['on', 'off'], false],
  [['off', 'undefined_var == 1'], false],
  ['checked.rc == 0', false],
  ['checked is skipped', true],
  ['checked.rc is defined and checked.rc != 0', false],
];

describe('expressions: conditions', () => {
  for (const [cond, want] of CONDITION_CASES) {
    it(`${JSON.stringify(cond)} -> ${want}`, () => assert.equal(evaluateCondition(cond, VARS), want));
  }

  it('rejects {{ }} mixed into a condition and empty conditions', () => {
    assert.throws(() => evaluateCondition('{{ on }} == true', VARS), /a condition is an expression already/);
    assert.throws(() => evaluateCondition('  ', VARS), /empty condition/);
  });

  it('lookup() works in conditions', () => {
    process.env.ESBPLAY_EXPR_TEST = 'on';
    try {
      assert.equal(evaluateCondition("lookup('env', 'ESBPLAY_EXPR_TEST') == 'on'", VARS), true);
      assert.equal(evaluateCondition("query('items', [1, 2]) | length == 2", VARS), true);
    } finally {
      delete process.env.ESBPLAY_EXPR_TEST;
    }
  });

  it('an undefined variable in a condition is an error, not false', () => {
    assert.throws(() => evaluateCondition('nope', VARS), /undefined variable 'nope'/);
  });
});

describe('expressions: secrets', () => {
  it('compare equal to their text and concatenate into a Secret', () => {
    assert.equal(evaluate("pass == 's3cret'", VARS), true);
    assert.equal(evaluate("pass != 'other'", VARS), true);
    for (const expr of ["'pw=' ~ pass", "'pw=' + pass", "pass | upper", "pass | b64encode", "user ~ ':' ~ pass"]) {
      const v = evaluate(expr, VARS);
      assert.ok(isSecret(v), `${expr} gives a Secret`);
      assert.equal(String(v), '********');
      assert.ok(!inspect(v).includes('s3cret'));
    }
    assert.equal((evaluate("user ~ ':' ~ pass", VARS) as Secret).reveal(), 'admin:s3cret');
  });

  it('length, tests and to_json work without printing the secret', () => {
    assert.equal(evaluate('pass | length', VARS), 6);
    assert.equal(evaluate("pass is match('s3')", VARS), true);
    assert.equal(evaluate("'cre' in pass", VARS), true);
    const json = evaluate("{'p': pass} | to_json", VARS);
    assert.ok(isSecret(json));
    assert.equal((json as Secret).reveal(), '{"p": "s3cret"}');
  });

  it('error messages do not reveal a secret', () => {
    assert.throws(() => evaluate('pass + 1', VARS), (e: Error) => !e.message.includes('s3cret'));
    assert.throws(() => evaluate("{'a': 1}[pass] | mandatory('missing key')", VARS), (e: Error) => !e.message.includes('s3cret'));
  });
});

describe('expressions: referencedNames', () => {
  const cases: [string, string[], string[]][] = [
    ['a == 1', ['a'], []],
    ['a.b.c and d[e]', ['a', 'd', 'e'], []],
    ['x is defined', [], ['x']],
    ['x is not defined or x == 1', [], ['x']],
    ['x is defined and x.rc == 0', [], ['x']],
    ['x.rc is defined and x.rc == 0', [], ['x']],
    ['x == 1 and x is defined', ['x'], []],
    ['(y | default(2)) + z', ['z'], ['y']],
    ["name | upper | replace('A', sep)", ['name', 'sep'], []],
    ["'a' if flag is defined and flag else other", ['other'], ['flag']],
    ["users | map(attribute='name') | join(',')", ['users'], []],
    ["s.split(',')", ['s'], []],
    ['range(n)', ['n'], []],
    ["{'k': v}", ['v'], []],
    ['true and 1 in [2]', [], []],
  ];
  for (const [expr, required, optional] of cases) {
    it(`${expr} -> required ${required.join(',') || '-'}, optional ${optional.join(',') || '-'}`, () => {
      const got = referencedNames(expr);
      assert.deepEqual([...got.required].sort(), required);
      assert.deepEqual([...got.optional].sort(), optional);
    });
  }

  it('reports syntax errors with the location', () => {
    assert.throws(() => referencedNames('a ==', { file: 'f.yml', line: 2, col: 3 }), (e: UserError) => e.loc?.line === 2);
  });
});

describe('expressions: template text (Python str() as Ansible prints it, none as \'\')', () => {
  const cases: [unknown, string][] = [
    ['text', 'text'],
    [9443, '9443'],
    [2.5, '2.5'],
    [1e16, '1e+16'],
    [0.00001, '1e-05'],
    [true, 'True'],
    [false, 'False'],
    [null, ''],
    [undefined, ''],
    [[1, 'a', null], "[1, 'a', None]"],
    [{ a: { b: true } }, "{'a': {'b': True}}"],
    [["it's", 'say "hi"', 'a\nb'], `["it's", 'say "hi"', 'a\\nb']`],
    [new Secret('pw'), 'pw'],
    [{ p: new Secret('pw') }, "{'p': 'pw'}"],
  ];
  for (const [value, want] of cases) {
    it(`renderExpressionValue(${inspect(value)}) -> ${JSON.stringify(want)}`, () => assert.equal(renderExpressionValue(value), want));
  }

  it('renderExpression evaluates and renders', () => {
    assert.equal(renderExpression("on | ternary('enabled', 'disabled')", VARS), 'enabled');
    assert.equal(renderExpression('items', VARS), '[1]');
    assert.equal(renderExpression("{'b': [1, 2], 'a': none}", VARS), "{'b': [1, 2], 'a': None}");
  });
});
