// The one-pass secret search and the linear attribute masking give exactly what the RegExps they replace gave, and stay linear on one-line files.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { isSecretName, Masker, MASK } from '../../src/vars/secret.js';
import { FormSearch, REGEXP_PATTERN_LIMIT } from '../../src/vars/secret-search.js';
import { maskAttributes, maskByName, maskResultDiff } from '../../src/report/mask-diff.js';
import { secretForms } from '../../src/report/secret-forms.js';

/** The masking the Masker did before: one RegExp alternation of every form, longest first. */
function maskWithRegExp(forms: readonly string[], text: string): string {
  const usable = forms.filter((f) => f.length > 0);
  if (usable.length === 0) return text;
  const escaped = [...new Set(usable)].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(escaped.join('|'), 'g'), MASK);
}

/** regExpLimit 0: the automaton; the default: a RegExp for small sets. */
function maskWithSearch(forms: readonly string[], text: string, regExpLimit?: number): string {
  let out = '';
  let at = 0;
  for (const [s, e] of new FormSearch(forms, regExpLimit).find(text)) {
    out += text.slice(at, s) + MASK;
    at = e;
  }
  return out + text.slice(at);
}

/** maskByName's attribute rule as the RegExp it was (quadratic on a long word without `=`). */
function attributesWithRegExp(line: string): string {
  return line.replace(/([A-Za-z_][\w.:-]*)(\s*=\s*)(["'])([^"'\n]*)\3/g, (m, name: string, eq: string, q: string, value: string) =>
    isSecretName(name) && value !== '' && value !== MASK ? `${name}${eq}${q}${MASK}${q}` : m,
  );
}

// a small alphabet makes overlapping, nested and repeated forms common
const small = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'ab', '\n', 'é', '\u{1F511}'), maxLength: 40 });

describe('secret search: one pass, same result as the RegExp alternation', () => {
  it('random forms and texts over a small alphabet: identical masking (overlaps, prefixes, suffixes, surrogate pairs)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'ab', 'é', '\u{1F511}'), minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), small, (forms, text) => {
        const want = maskWithRegExp(forms, text);
        assert.equal(maskWithSearch(forms, text, 0), want, 'automaton');
        assert.equal(maskWithSearch(forms, text), want, 'RegExp');
      }),
      { numRuns: 3000 },
    );
  });

  it('a large set (beyond the RegExp limit) goes to the automaton and masks the same', () => {
    const secrets = Array.from({ length: 150 }, (_, i) => `s${i}-${randomBytes(5).toString('hex')}&<"'>`);
    const forms = secrets.flatMap((s) => secretForms(s)).filter((f) => f.length >= 3);
    assert.ok(forms.join('|').length > REGEXP_PATTERN_LIMIT);
    const m = new Masker();
    for (const s of secrets) m.add(s);
    const text = `a ${secrets[3]} b ${encodeURIComponent(secrets[77]!)}${secrets[149]} ${Buffer.from(secrets[0]!).toString('base64')} c`;
    assert.equal(m.mask(text), maskWithRegExp(forms, text));
    assert.equal(m.mask(text), `a ${MASK} b ${MASK}${MASK} ${MASK} c`);
  });

  it('every escaped form of real secrets, inside random text: the Masker masks as the RegExp did', () => {
    const secrets = [`P&ss<w0rd>"'`, 'pass word/?=%+é', 'abcabc', 'abc', 'line1\nline2-long', `$x\`y\\z`];
    const forms = secrets.flatMap((s) => secretForms(s)).filter((f) => f.length >= 3);
    const m = new Masker();
    for (const s of secrets) m.add(s);
    const pieces = fc.constantFrom(...forms, ' ', '<a password="', '">', 'x', '&amp;', '%2', '\n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.equal(m.mask(text), maskWithRegExp(forms.concat(m.secrets().flatMap((s) => secretForms(s)).filter((f) => f.length >= 3)), text));
      }),
      { numRuns: 2000 },
    );
  });

  it('attribute values under secret names: the same as the RegExp rule, on random lines', () => {
    const unit = fc.constantFrom('a', 'password', 'Pass', ' ', '=', '"', "'", '\n', ':', '-', '1', 'x.y', MASK, '\t', '_');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (line) => {
        assert.equal(maskAttributes(line), attributesWithRegExp(line));
      }),
      { numRuns: 5000 },
    );
    assert.equal(maskByName(`--db-password="s3cr3t" x='1' keyStorePassword = 'k'`), `--db-password="${MASK}" x='1' keyStorePassword = '${MASK}'`);
    assert.equal(maskByName(`a="password=in-value" password="p"`), `a="password=in-value" password="${MASK}"`, 'a match consumes its value');
  });

  it('a 1 MB one-line file change with long words is masked in one pass (the RegExps needed hours: this test would time out)', function () {
    this.timeout(60_000);
    const m = new Masker();
    for (let i = 0; i < 200; i++) m.add(`${randomBytes(6).toString('base64url')}&<${i}>"'`);
    const secret = `N3w-${randomBytes(8).toString('hex')}`;
    m.add(secret);
    const word = 'k'.repeat(300_000);
    const hex = randomBytes(200_000).toString('hex');
    const before = `${word} <keystore>${hex}</keystore> pw=old-value-1 <a password="old">\n`;
    const after = `${word} <keystore>${hex.slice(2)}</keystore> pw=${secret} <a password="${secret}">\n`;
    const d = maskResultDiff({ path: '/opt/big.xml', before, after }, m);
    assert.ok(!d.after.includes(secret) && !d.unified!.includes(secret));
    assert.ok(d.after.includes(`password="${MASK}"`));
    assert.match(d.unified!, /diff skipped: content larger than/);
  });
});
