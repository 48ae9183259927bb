// Properties of the pure text edits (lineinfile, blockinfile), Python regex translation and encodings.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { editBlock, type BlockInFileArgs } from '../../src/modules/blockinfile.js';
import { ensureLineAbsent, ensureLinePresent } from '../../src/modules/lineinfile-edit.js';
import { compilePyRegex, expandMatch } from '../../src/modules/py-regex.js';
import { decodeText, encodeText } from '../../src/modules/text-lines.js';

const word = fc.stringMatching(/^[a-c=#]{0,4}$/);
const fileText = fc.tuple(fc.array(word, { maxLength: 8 }), fc.boolean(), fc.boolean()).map(([lines, crlf, finalNl]) => {
  const eol = crlf ? '\r\n' : '\n';
  return lines.length === 0 ? '' : lines.join(eol) + (finalNl ? eol : '');
});
const insertAfter = fc.constantFrom(undefined, 'EOF', 'BOF', '^a', '^b=', 'c$');

describe('lineinfile text edit properties', () => {
  it('adding a line twice changes nothing the second time, and the line is then present', () => {
    fc.assert(
      fc.property(fileText, word, insertAfter, fc.boolean(), (text, line, ins, firstmatch) => {
        const o = { line, insertafter: ins === 'BOF' ? undefined : ins ?? 'EOF', insertbefore: ins === 'BOF' ? 'BOF' : undefined, backrefs: false, firstmatch };
        const insertRe = o.insertafter && o.insertafter !== 'EOF' ? compilePyRegex(o.insertafter, 'insertafter') : undefined;
        const once = ensureLinePresent(text, { ...o, insertRe });
        const twice = ensureLinePresent(once.text, { ...o, insertRe });
        assert.equal(twice.changed, false, JSON.stringify({ text, line, ins, once: once.text, twice: twice.text }));
        assert.ok(once.text.split(/\r?\n/).includes(line));
      }),
    );
  });

  it('a regexp that matches its own replacement is idempotent and keeps CRLF files CRLF', () => {
    fc.assert(
      fc.property(fileText, fc.stringMatching(/^[a-z0-9]{0,5}$/), (text, value) => {
        const o = { line: `b=${value}`, regexp: compilePyRegex('^b=', 'regexp'), backrefs: false, firstmatch: false, insertafter: 'EOF' };
        const once = ensureLinePresent(text, o);
        assert.equal(ensureLinePresent(once.text, o).changed, false);
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(once.text), `bare LF in ${JSON.stringify(once.text)}`);
      }),
    );
  });

  it('absent after present removes exactly the lines equal to the line', () => {
    fc.assert(
      fc.property(fileText, word, (text, line) => {
        const added = ensureLinePresent(text, { line, insertafter: 'EOF', backrefs: false, firstmatch: false }).text;
        const removed = ensureLineAbsent(added, { line });
        assert.ok(!removed.text.split(/\r?\n/).slice(0, -1).includes(line));
        assert.ok((removed.found ?? 0) >= 1);
      }),
    );
  });
});

describe('blockinfile text edit properties', () => {
  const base: BlockInFileArgs = {
    path: 'x', state: 'present', marker: '# {mark} ANSIBLE MANAGED BLOCK', marker_begin: 'BEGIN', marker_end: 'END',
    block: '', create: false, backup: false, append_newline: false, prepend_newline: false,
  };
  it('present twice is stable and absent restores a terminated original exactly', () => {
    fc.assert(
      fc.property(fileText, fc.array(word, { minLength: 1, maxLength: 3 }), insertAfter, (text, blockLines, ins) => {
        const t = text === '' || text.endsWith('\n') ? text : `${text}\n`;
        const args = { ...base, block: blockLines.join('\n'), insertafter: ins === 'BOF' ? undefined : ins, insertbefore: ins === 'BOF' ? 'BOF' : undefined };
        const once = editBlock(t, args).text;
        assert.equal(editBlock(once, args).text, once);
        assert.equal(editBlock(once, { ...args, state: 'absent' }).text, t);
      }),
    );
  });
});

describe('Python regex translation', () => {
  it('translates named groups, \\A and \\Z, and leading inline flags', () => {
    const re = compilePyRegex('(?i)\\A(?P<k>port)=(?P=k)\\Z', 'regexp');
    assert.ok(re.test('PORT=PORT'));
    assert.ok(!re.test('port=port\nx'));
  });
  it('expands \\1, \\g<n>, \\g<name> and escapes like match.expand', () => {
    const m = compilePyRegex('^(?P<a>x)(y)?(z)', 'regexp').exec('xz')!;
    assert.equal(expandMatch('\\1-\\2-\\g<3>-\\g<a>\\t\\\\', m), 'x--z-x\t\\');
    assert.throws(() => expandMatch('\\4', m), /has 3 group/);
  });
  it('names the argument of an invalid pattern', () => {
    assert.throws(() => compilePyRegex('(', 'insertbefore'), /invalid regular expression in 'insertbefore'/);
  });
});

describe('text decoding', () => {
  it('edits Latin-1 files byte for byte', () => {
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café\n" in ISO-8859-1
    const d = decodeText(bytes);
    assert.equal(d.encoding, 'latin1');
    const out = encodeText(ensureLinePresent(d.text, { line: 'x', insertafter: 'EOF', backrefs: false, firstmatch: false }).text, d.encoding);
    assert.deepEqual(out, Buffer.concat([bytes, Buffer.from('x\n')]));
  });
  it('keeps valid UTF-8 as UTF-8', () => {
    assert.equal(decodeText(Buffer.from('café\n', 'utf8')).encoding, 'utf8');
  });
});
