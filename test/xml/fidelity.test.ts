// Byte fidelity on the real WSO2 files: parse + serialize changes nothing; the guide's worker setup stays a small diff.

import { strict as assert } from 'node:assert';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { editXmlBytes, XmlText } from '../../src/xml/index.js';
import { copyFixture, countChangedLines, FIXTURES, hasXmllint, planXml, XML_FIXTURES, xmllint } from './xml-harness.js';

describe('xml byte fidelity on the 14 fixture files', () => {
  for (const rel of XML_FIXTURES) {
    it(`parse + serialize of ${rel} changes 0 bytes`, () => {
      const bytes = readFileSync(path.join(FIXTURES, rel));
      assert.ok(XmlText.fromBytes(bytes, rel).toBytes().equals(bytes));
      // an edit that changes nothing returns the very same bytes
      const r = editXmlBytes(bytes, rel, [{ xpath: '/*', attribute: 'esbplayProbe', state: 'absent' }]);
      assert.equal(r.changed, false);
      assert.equal(r.bytes, bytes);
    });
  }

  for (const v of ['4.9.0', '5.0.0']) {
    it(`${v}/dbscripts/mysql.sql is SQL, not XML: it is refused with a clear message`, () => {
      const bytes = readFileSync(path.join(FIXTURES, v, 'dbscripts/mysql.sql'));
      assert.throws(() => XmlText.fromBytes(bytes, 'mysql.sql'), /mysql\.sql:\d+:\d+: not well-formed XML/);
    });
  }

  it('a DOM round trip (xmldom) would rewrite many lines of axis2.xml, which is why esbplay splices text', async () => {
    const bytes = readFileSync(path.join(FIXTURES, '4.9.0/repository/conf/axis2/axis2.xml'));
    const dom = new DOMParser().parseFromString(bytes.toString('latin1'), 'text/xml');
    const serialized = Buffer.from(new XMLSerializer().serializeToString(dom), 'latin1');
    assert.ok((await countChangedLines(bytes, serialized)) > 100);
  });
});

describe('xml: the guide worker configuration of axis2.xml 4.9.0', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const worker = (parse(readFileSync(path.join(here, 'cases/worker.yaml'), 'utf8')) as { args: Record<string, unknown> }[])[0]!.args;

  it('changes at most 25 diff lines (diff -U0 | grep -c) and creates what the guide asks for', async () => {
    const file = await copyFixture('4.9.0/repository/conf/axis2/axis2.xml');
    const before = await fs.readFile(file);
    const plan = await planXml({ path: file, ...worker });
    assert.equal(plan.failed, undefined);
    const change = plan.changes[0];
    assert.ok(change?.kind === 'file');
    const n = await countChangedLines(before, change.after);
    assert.ok(n <= 25, `${n} changed lines`);
    const text = change.after.toString('latin1');
    assert.match(text, /<transportReceiver name="http"[^]*?<parameter name="WSDLEPRPrefix" locked="false">http:\/\/esb\.wso2\.com:80<\/parameter>[^]*?<\/transportReceiver>/);
    assert.match(text, /<transportReceiver name="https"[^]*?<parameter name="WSDLEPRPrefix" locked="false">https:\/\/esb\.wso2\.com:443<\/parameter>[^]*?<\/transportReceiver>/);
    assert.equal(text.match(/<member>/g)?.length, 2);
    assert.ok(text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>'));
  });

  it('the result parses with xmldom and with xmllint --noout', async function () {
    const file = await copyFixture('4.9.0/repository/conf/axis2/axis2.xml');
    const plan = await planXml({ path: file, ...worker });
    const change = plan.changes[0];
    assert.ok(change?.kind === 'file');
    const errors: string[] = [];
    new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(change.after.toString('latin1'), 'text/xml');
    assert.deepEqual(errors, []);
    if (!hasXmllint()) {
      console.log('      (xmllint not installed: apt-get install -y libxml2-utils; skipping the xmllint half)');
      this.skip();
    }
    assert.equal(await xmllint(change.after), '');
  });
});
