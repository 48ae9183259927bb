// Template errors point at the template's real line and column, quote the line, and are UserErrors (exit 5).

import assert from 'node:assert/strict';
import { UserError } from '../../src/errors.js';
import { UndefinedVariableError } from '../../src/vars/expr/errors.js';
import { renderTemplateFile, renderValue } from '../../src/vars/render.js';

const VARS = { items: [1, 2], d: { a: 1 }, name: 'x' };
const FILE = 'roles/r/templates/t.j2';

/** [template, line, col, message pattern, quoted line] */
const FILE_ERRORS: [string, number, number, RegExp, string][] = [
  ['line one\n  {{ nope }}\n', 2, 6, /^undefined variable 'nope' in "\{\{ nope \}\}"$/, '  {{ nope }}'],
  ['a\nb {{ d.zz }} c\n', 2, 8, /^undefined value 'd\.zz'/, 'b {{ d.zz }} c'],
  ['a\n{% for x in %}\n', 2, 13, /^template syntax error: expected an expression, got '%}'$/, '{% for x in %}'],
  ['a\n{% for x in items %}\n{{ x }}\n', 2, 4, /'\{% for %\}' is never closed \(expected '\{% endfor %\}'/, '{% for x in items %}'],
  ['{% if true %}\n{% endfor %}\n', 2, 4, /unknown statement '\{% endfor %\}' \(inside '\{% if %\}'/, '{% endfor %}'],
  ['x\n\n{% endif %}\n', 3, 4, /no open statement for it to close/, '{% endif %}'],
  ['ok\n{{ name | nofilter }}', 2, 11, /unknown filter 'nofilter'/, '{{ name | nofilter }}'],
  ['{{#items}}\nx\n', 1, 1, /the section '\{\{#items\}\}' is never closed/, '{{#items}}'],
  ['{{#items}}\nx\n{{/other}}\n', 3, 1, /closes a section that is not open/, '{{/other}}'],
  ['ab {{ x', 1, 4, /this '\{\{' is never closed/, 'ab {{ x'],
  ['{# never closed', 1, 1, /missing end of comment tag/, '{# never closed'],
  ['{{ 1 +* 2 }}', 1, 7, /expected an expression, got '\*'/, '{{ 1 +* 2 }}'],
  ['{% extends "base.j2" %}', 1, 4, /template inheritance\) is not supported/, '{% extends "base.j2" %}'],
  ['{% include "nope.j2" %}', 1, 4, /template 'nope\.j2' not found; looked in: /, '{% include "nope.j2" %}'],
  ['#jinja2: trim_blocks: maybe\nx', 1, 1, /'trim_blocks' needs True or False/, '#jinja2: trim_blocks: maybe'],
  ['#jinja2: lstrip_blocks: True\nok\n  {{ nope }}', 3, 6, /undefined variable 'nope'/, '  {{ nope }}'],
  ['{% for a, b in items %}{% endfor %}', 1, 4, /cannot unpack a number into 2 names/, '{% for a, b in items %}{% endfor %}'],
  ['{{ d | combine(1) }}', 1, 8, /filter 'combine' needs a mapping, got number/, '{{ d | combine(1) }}'],
];

describe('jinja: errors in template files', () => {
  for (const [text, line, col, pattern, quoted] of FILE_ERRORS) {
    it(`${JSON.stringify(text)} -> ${line}:${col} ${pattern}`, () => {
      assert.throws(
        () => renderTemplateFile(text, VARS, { file: FILE }),
        (e: unknown) => {
          assert.ok(e instanceof UserError, `a UserError, got ${String(e)}`);
          assert.match(e.message, pattern);
          assert.deepEqual(e.loc, { file: FILE, line, col });
          assert.equal(e.sourceLine, quoted);
          assert.equal(e.exitCode, 5);
          return true;
        },
      );
    });
  }

  it('an undefined variable is an UndefinedVariableError naming it (the preflight defers registered names)', () => {
    assert.throws(() => renderTemplateFile('{{ result.stdout }}', VARS, { file: FILE }), (e: unknown) => e instanceof UndefinedVariableError && e.root === 'result');
  });

  it('runaway templates are user errors, not crashes: deep nesting, endless macro recursion, huge repetitions', () => {
    const cases = [
      '{% if true %}'.repeat(20000) + '{% endif %}'.repeat(20000),
      '{{ ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ' }}',
      '{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}',
      '{{ "x" * 1000000000 }}',
      '{{ [0] * 100000000 }}',
    ];
    for (const text of cases) assert.throws(() => renderTemplateFile(text, VARS, { file: FILE }), (e: unknown) => e instanceof UserError && e.loc?.file === FILE);
  });

  it('a loop over a list its body appends to ends (it walks a copy)', () => {
    const text = '{% set l = [1, 2] %}{% for x in l %}{% set _ = l.append(x) %}{% endfor %}{{ l }}';
    assert.equal(renderTemplateFile(text, VARS, { file: FILE }), '[1, 2, 1, 2]');
  });

  it('a very long line is quoted up to a window after the column', () => {
    const text = `${'x'.repeat(50)}{{ nope }}${'y'.repeat(400)}`;
    assert.throws(() => renderTemplateFile(text, VARS, { file: FILE }), (e: UserError) => e.sourceLine!.length < 260 && e.sourceLine!.endsWith(' ...'));
  });
});

describe('jinja: errors in task strings', () => {
  const LOC = { file: 'site.yml', line: 10, col: 12 };
  const cases: [string, number, number, RegExp][] = [
    ['{{ nope }}', 10, 15, /^undefined variable 'nope' in "\{\{ nope \}\}"$/],
    ['port={{ d.zz }}', 10, 22, /^undefined value 'd\.zz'/],
    ['a {% if %}', 10, 20, /^template syntax error: expected an expression, got '%}'$/],
    ['first\n{{ nope }}', 11, 4, /undefined variable 'nope'/],
  ];
  for (const [text, line, col, pattern] of cases) {
    it(`${JSON.stringify(text)} -> ${line}:${col}`, () => {
      assert.throws(
        () => renderValue(text, VARS, LOC),
        (e: unknown) => {
          assert.ok(e instanceof UserError);
          assert.match(e.message, pattern);
          assert.deepEqual(e.loc, { file: 'site.yml', line, col });
          assert.equal(e.sourceLine, undefined, 'the YAML line comes from the loader, not the string');
          return true;
        },
      );
    });
  }
});
