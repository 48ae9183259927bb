// Unit tests of the editor's parts: tokenizer offsets and errors, simple-path parsing, encodings, layout detection.

import { strict as assert } from 'node:assert';
import { decodeXml, encodeXml, escapeAttr, escapeText } from '../../src/xml/encoding.js';
import { detectIndentUnit, detectNewline } from '../../src/xml/layout.js';
import { parseSimplePath } from '../../src/xml/simple-path.js';
import { parseSource, type SrcElement } from '../../src/xml/source-tree.js';

describe('xml tokenizer', () => {
  const text = '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "x">]>\n<a k=\'v>w\'\n   j="2"><!-- <b> --><![CDATA[<c>]]><d/>t<?pi x?></a>\n';
  const doc = parseSource(text, 'f');

  it('records offsets of tags, attributes and content', () => {
    const a = doc.root;
    assert.equal(text.slice(a.start, a.startTagEnd), '<a k=\'v>w\'\n   j="2">');
    assert.deepEqual(a.attrs.map((x) => [x.name, text.slice(x.valueStart, x.valueEnd), x.quote]), [['k', 'v>w', "'"], ['j', '2', '"']]);
    assert.deepEqual(a.children.map((c) => c.kind), ['comment', 'cdata', 'element', 'text', 'pi']);
    const d = a.children[2] as SrcElement;
    assert.equal(d.selfClosing, true);
    assert.equal(text.slice(d.start, d.end), '<d/>');
    assert.equal(text.slice(a.endTagStart, a.end), '</a>');
  });

  const bad: [string, RegExp][] = [
    ['<a><b></a>', /f:1:7: not well-formed XML: end tag <\/a> does not match <b>/],
    ['<a>\n  <b x=1/></a>', /f:2:8: .*value of attribute x is not quoted/],
    ['<a x="1" x="2"/>', /attribute x given twice/],
    ['<a>', /<a> is never closed/],
    ['<a/><b/>', /a second root element <b>/],
    ['<a><!-- x</a>', /unterminated comment/],
    ['hello <a/>', /f:1:1: .*text before the root element/],
    ['<a>1 < 2</a>', /'<' that does not start a tag/],
  ];
  for (const [src, msg] of bad) it(`rejects ${JSON.stringify(src)}`, () => assert.throws(() => parseSource(src, 'f'), msg));
});

describe('xml simple paths (ensure-path)', () => {
  it('parses steps with attribute and child-text predicates', () => {
    const p = parseSimplePath("/a/b[@x='1' and @y=\"2\"][c='3']/d/@e");
    assert.ok(typeof p !== 'string');
    assert.deepEqual(p.steps.map((s) => [s.name, s.attrs, s.childTexts]), [['a', [], []], ['b', [['x', '1'], ['y', '2']], [['c', '3']]], ['d', [], []]]);
    assert.equal(p.attribute, 'e');
  });
  for (const x of ['a/b', '//a', '/a/*', '/a/b[1]', "/a/b[@x!='1']", '/a/child::b', '/a/@b/c', "/a[contains(@x,'y')]"]) {
    it(`refuses to create ${x}`, () => assert.equal(typeof parseSimplePath(x), 'string'));
  }
});

describe('xml encodings and layout', () => {
  it('decodes ISO-8859-1 byte for byte and escapes what Latin-1 cannot hold', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), Buffer.from([0xe9, 0xff]), Buffer.from('</a>')]);
    const d = decodeXml(bytes, 'f');
    assert.equal(d.encoding, 'latin1');
    assert.ok(encodeXml(d.text, d.encoding).equals(bytes));
    assert.equal(escapeText('é€<&>', 'latin1'), 'é&#8364;&lt;&amp;&gt;');
    assert.equal(escapeAttr('a"b\'c\n', "'", 'ascii'), 'a"b&apos;c&#10;');
  });
  it('refuses invalid UTF-8, UTF-16 and unknown encodings', () => {
    assert.throws(() => decodeXml(Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]), 'f'), /not valid UTF-8/);
    assert.throws(() => decodeXml(Buffer.from([0xff, 0xfe, 0x3c, 0]), 'f'), /UTF-16/);
    assert.throws(() => decodeXml(Buffer.from('<?xml version="1.0" encoding="EBCDIC"?><a/>'), 'f'), /'EBCDIC' is not supported/);
  });
  it('detects line endings and the indent step', () => {
    assert.equal(detectNewline('<a>\r\n <b/>\r\n</a>'), '\r\n');
    assert.equal(detectNewline('<a>\n</a>'), '\n');
    assert.equal(detectIndentUnit(parseSource('<a>\n\t<b>\n\t\t<c/>\n\t</b>\n</a>', 'f')), '\t');
    assert.equal(detectIndentUnit(parseSource('<a>\n  <b>\n    <c/>\n  </b>\n</a>', 'f')), '  ');
  });
});
