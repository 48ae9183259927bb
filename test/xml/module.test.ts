// xml module behaviour beyond the case tables: check mode, backup, encodings, secrets, atomic edit lists, xmlstring.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Secret } from '../../src/vars/secret.js';
import { applyPlan, copyFixture, planXml, runXml, tempDir } from './xml-harness.js';

async function tempFile(name: string, content: Buffer | string): Promise<string> {
  const dir = await tempDir('esbplay-xmlmod-');
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
}

describe('xml module', () => {
  it('check mode plans the change and leaves the file untouched', async () => {
    const file = await copyFixture('4.9.0/repository/conf/carbon.xml');
    const before = await fs.readFile(file);
    const plan = await planXml({ path: file, xpath: '/Server/HostName', value: 'esb.wso2.com' }, true);
    assert.equal(plan.changes.length, 1);
    assert.ok((await fs.readFile(file)).equals(before));
  });

  it('passes backup through to the file change', async () => {
    const file = await copyFixture('4.9.0/repository/conf/carbon.xml');
    const plan = await planXml({ path: file, xpath: '/Server/Ports/Offset', value: 3, backup: true });
    const c = plan.changes[0];
    assert.ok(c?.kind === 'file' && c.backup === true && c.before !== null);
  });

  it('a missing file fails with a clear message', async () => {
    const plan = await planXml({ path: '/nonexistent/carbon.xml', xpath: '/Server/HostName', value: 'x' });
    assert.match(plan.failed ?? '', /\/nonexistent\/carbon\.xml does not exist/);
  });

  it('writes non-ASCII into an ISO-8859-1 file as Latin-1 bytes or character references', async () => {
    const file = await copyFixture('4.9.0/repository/conf/carbon.xml');
    await runXml({ path: file, xpath: '/Server/Name', value: 'Bus é €' });
    const bytes = await fs.readFile(file);
    assert.ok(bytes.includes(Buffer.from([0x42, 0x75, 0x73, 0x20, 0xe9, 0x20]))); // "Bus é " in Latin-1
    assert.ok(bytes.includes(Buffer.from('&#8364;</Name>')));
    const again = await planXml({ path: file, xpath: '/Server/Name', value: 'Bus é €' });
    assert.equal(again.changes.length, 0);
  });

  it('keeps UTF-8 with a byte-order mark, CDATA and surrounding comments', async () => {
    const src = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<a>\n  <b><!-- keep --><![CDATA[old <x>]]></b>\n  <c x=\'1\'/>\n</a>';
    const file = await tempFile('u.xml', Buffer.from(src, 'utf8'));
    await runXml({ path: file, edits: [{ xpath: '/a/b', value: 'nouveau <ü>' }, { xpath: '/a/c', value: 'T' }, { xpath: '/a/c', attribute: 'x', value: "it's" }] });
    const out = await fs.readFile(file, 'utf8');
    assert.equal(out, '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<a>\n  <b><!-- keep --><![CDATA[nouveau <ü>]]></b>\n  <c x=\'it&apos;s\'>T</c>\n</a>');
  });

  it('writes secret values in plain text into the file', async () => {
    const file = await copyFixture('4.9.0/repository/conf/datasources/master-datasources.xml');
    await runXml({ path: file, xpath: "//datasource[name='WSO2_CARBON_DB']/definition/configuration/password", value: new Secret('t0p&secret') });
    assert.match(await fs.readFile(file, 'latin1'), /<password>t0p&amp;secret<\/password>/);
  });

  it('an edit list that fails part-way changes nothing at all', async () => {
    const file = await copyFixture('4.9.0/repository/conf/axis2/axis2.xml');
    const before = await fs.readFile(file);
    const plan = await runXml({
      path: file,
      edits: [{ xpath: "/axisconfig/clustering/parameter[@name='domain']", value: 'wso2.esb.domain' }, { xpath: '/axisconfig/transportReceiver/parameter', value: 'x' }],
    });
    assert.match(plan.failed ?? '', /matches \d+ nodes/);
    assert.ok((await fs.readFile(file)).equals(before));
  });

  it('a file that is not well-formed fails with file:line:col and stays untouched', async () => {
    const file = await tempFile('broken.xml', '<?xml version="1.0"?>\n<Server>\n  <HostName>x</Hostname>\n</Server>\n');
    const plan = await runXml({ path: file, xpath: '/Server/HostName', value: 'y' });
    assert.equal(plan.failed, `${file}:3:14: not well-formed XML: end tag </Hostname> does not match <HostName>`);
    assert.equal(await fs.readFile(file, 'utf8'), '<?xml version="1.0"?>\n<Server>\n  <HostName>x</Hostname>\n</Server>\n');
  });

  it('a value XML cannot hold fails the task', async () => {
    const file = await copyFixture('4.9.0/repository/conf/carbon.xml');
    const plan = await planXml({ path: file, xpath: '/Server/Name', value: 'bell\u0007' });
    assert.match(plan.failed ?? '', /U\+0007, a character XML 1\.0 does not allow/);
  });

  it('edits a symlink target, not the link', async () => {
    const file = await copyFixture('4.9.0/repository/conf/etc/tasks-config.xml');
    const link = path.join(path.dirname(file), 'link.xml');
    await fs.symlink(file, link);
    await runXml({ path: link, xpath: '/tasks-configuration/taskServerCount', value: 3 });
    assert.ok((await fs.lstat(link)).isSymbolicLink());
    assert.match(await fs.readFile(file, 'utf8'), /<taskServerCount>3<\/taskServerCount>/);
  });

  it('edits xmlstring and returns it', async () => {
    const plan = await planXml({ xmlstring: '<a>\n    <b/>\n</a>', xpath: '/a/b/c', value: 'x' });
    assert.equal(plan.changed, true);
    assert.equal(plan.result?.xmlstring, '<a>\n    <b>\n        <c>x</c>\n    </b>\n</a>');
  });

  it('registers actions for every edit', async () => {
    const file = await copyFixture('4.9.0/repository/conf/carbon.xml');
    const plan = await planXml({ path: file, edits: [{ xpath: '/Server/Ports/Offset', value: 0 }, { xpath: '/Server/HostName', value: 'h' }] });
    assert.deepEqual(plan.result?.actions, [
      { xpath: '/Server/Ports/Offset', changed: false, created: false, count: 1 },
      { xpath: '/Server/HostName', changed: true, created: true, count: 0 },
    ]);
    await applyPlan(plan);
  });

  it('rejects reads combined with edits', async () => {
    const file = await copyFixture('4.9.0/repository/conf/carbon.xml');
    const plan = await planXml({ path: file, xpath: '/Server/Name', count: true, value: 'x' });
    assert.match(plan.failed ?? '', /only read/);
  });

  it('sets text on a self-closing element and creates nested paths in an empty parent', async () => {
    const file = await tempFile('e.xml', '<root>\r\n\t<empty/>\r\n\t<p></p>\r\n</root>');
    await runXml({ path: file, edits: [{ xpath: '/root/empty', value: 'v' }, { xpath: "/root/p/q[@k='1']/r", value: 'deep' }] });
    assert.equal(await fs.readFile(file, 'utf8'), '<root>\r\n\t<empty>v</empty>\r\n\t<p>\r\n\t\t<q k="1">\r\n\t\t\t<r>deep</r>\r\n\t\t</q>\r\n\t</p>\r\n</root>');
  });

  it('keeps a missing final newline', async () => {
    const file = await tempFile('n.xml', '<a>\n  <b>1</b>\n</a>');
    await runXml({ path: file, xpath: '/a/b', state: 'absent' });
    assert.equal(await fs.readFile(file, 'utf8'), '<a>\n</a>');
  });
});

describe('xml module: small documents', () => {
  it('keeps a one-line parent on one line when adding a child', async () => {
    const plan = await planXml({ xmlstring: '<a><b/></a>', xpath: '/a', add_children: ['c', { d: 'x' }] });
    assert.equal(plan.result?.xmlstring, '<a><b/><c/><d>x</d></a>');
  });

  it('edits an ISO-8859-1 xmlstring without mangling its characters', async () => {
    const plan = await planXml({ xmlstring: '<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>', xpath: '/a', value: 'ü€' });
    assert.equal(plan.result?.xmlstring, '<?xml version="1.0" encoding="ISO-8859-1"?><a>ü&#8364;</a>');
  });
});
