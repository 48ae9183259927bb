// Property tests of the template engine: any input renders or fails with a UserError (never a crash or a hang).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UserError } from '../../src/errors.js';
import { Secret } from '../../src/vars/secret.js';
import { renderTemplateFile, renderValue } from '../../src/vars/render.js';

const VARS: Record<string, unknown> = {
  x: 1,
  s: 'txt',
  items: [1, 'a', null],
  d: { k: { j: 2 } },
  p: new Secret('pw-secret'),
  n: null,
  t: true,
};

const FRAGMENTS = [
  '{{', '}}', '{%', '%}', '{#', '#}', '{{-', '-}}', '{%-', '-%}', '+%}', '{%+', ' ', '\n', '\t', 'x', 's', 'items', 'd', 'k', 'p', 'n',
  'if', 'elif', 'else', 'endif', 'for', 'in', 'endfor', 'set', '=', 'endset', 'macro', 'endmacro', 'call', 'endcall', 'filter',
  'endfilter', 'with', 'endwith', 'raw', 'endraw', 'include', 'import', 'as', 'block', 'endblock', 'loop', '.', 'index', 'recursive',
  '{{#items}}', '{{/items}}', '{{^x}}', '{{/x}}', '{{.}}', '|', 'upper', 'default', 'length', '(', ')', '[', ']', '{', '}', ',', ':',
  "'q'", '"r"', '0', '-1', '2.5', '+', '*', '~', '==', 'and', 'or', 'not', 'is', 'defined', 'none', 'true', '\\', "'", '"', '#jinja2:',
  'trim_blocks', 'True', 'namespace()', 'caller()', 'range(3)', "lookup('vars', 's')",
];

function assertRendersOrUserError(render: () => unknown, text: string): void {
  try {
    render();
  } catch (e) {
    if (!(e instanceof UserError)) throw new Error(`${JSON.stringify(text)} threw ${(e as Error).stack ?? String(e)}`);
    if (e.message.includes('pw-secret')) throw new Error(`${JSON.stringify(text)} revealed the secret: ${e.message}`);
    assert.ok(e.loc && e.loc.line >= 1 && e.loc.col >= 1, `an error at a position: ${JSON.stringify(e.loc)}`);
  }
}

describe('jinja: properties', () => {
  it('any fragment soup renders or fails with a located UserError (file and task-string settings)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 18 }), (parts) => {
        const text = parts.join('');
        assertRendersOrUserError(() => renderTemplateFile(text, VARS, { file: 't.j2' }), text);
        assertRendersOrUserError(() => renderValue(text, VARS, { file: 'site.yml', line: 3, col: 9 }), text);
      }),
      { numRuns: 4000 },
    );
  });

  it('arbitrary text (any characters) renders or fails with a UserError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        assertRendersOrUserError(() => renderTemplateFile(text, VARS, { file: 't.j2' }), text);
        assertRendersOrUserError(() => renderValue(text, VARS, { file: 'site.yml', line: 1, col: 1 }), text);
      }),
      { numRuns: 3000 },
    );
  });

  it('text without tags or carriage returns renders to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }).filter((t) => !/[{\r]/.test(t)), (text) => {
        assert.equal(renderTemplateFile(text, VARS, { file: 't.j2' }), text);
        assert.equal(renderValue(text, VARS, { file: 'site.yml', line: 1, col: 1 }), text);
      }),
    );
  });

  it('a lone {{ v }} in a task string is the value itself, whatever its type', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        assert.deepEqual(renderValue('{{ v }}', { v }, { file: 'site.yml', line: 1, col: 1 }), v);
      }),
    );
  });

  it('the same template renders the same bytes every time (memoized compilation is pure)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('{{ x }}', '{% for i in items %}{{ i }}{% endfor %}', 'a', '\n', '{{ s | upper }}'), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        assert.equal(renderTemplateFile(text, VARS, { file: 't.j2' }), renderTemplateFile(text, VARS, { file: 't.j2' }));
      }),
    );
  });
});
