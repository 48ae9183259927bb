// editXmlBytes remembers results by input bytes and edits: a remembered result must be exactly what computing gives.

import { strict as assert } from 'node:assert';
import { editXmlBytes, type XmlEdit } from '../../src/xml/index.js';
import { LruCache } from '../../src/xml/lru-cache.js';

const XML = Buffer.from('<?xml version="1.0"?>\n<config>\n    <!-- the host -->\n    <host>old</host>\n    <port>80</port>\n</config>\n');

describe('xml edit results remembered by input and edits', () => {
  it('a second identical edit returns equal bytes in a buffer of its own', () => {
    const edits: XmlEdit[] = [{ xpath: '/config/host', value: 'new' }];
    const a = editXmlBytes(XML, 'a.xml', edits);
    const b = editXmlBytes(Buffer.from(XML), 'b.xml', edits);
    assert.equal(a.changed, true);
    assert.equal(b.changed, true);
    assert.equal(b.bytes.toString(), XML.toString().replace('>old<', '>new<'));
    assert.notEqual(a.bytes, b.bytes);
    a.bytes.fill(0); // a caller scribbling on its result does not reach the next caller
    assert.equal(editXmlBytes(XML, 'c.xml', edits).bytes.toString(), b.bytes.toString());
    assert.deepEqual(b.outcomes, a.outcomes);
  });

  it('an edit that changes nothing returns the very input buffer, also when remembered', () => {
    const edits: XmlEdit[] = [{ xpath: '/config/port', value: '80' }];
    const input = Buffer.from(XML);
    assert.equal(editXmlBytes(input, 'a.xml', edits).bytes, input);
    const again = Buffer.from(XML);
    const r = editXmlBytes(again, 'a.xml', edits);
    assert.equal(r.bytes, again);
    assert.equal(r.changed, false);
  });

  it('different values, namespaces or inputs are never confused', () => {
    const one = editXmlBytes(XML, 'a.xml', [{ xpath: '/config/host', value: 'one' }]).bytes.toString();
    const two = editXmlBytes(XML, 'a.xml', [{ xpath: '/config/host', value: 'two' }]).bytes.toString();
    assert.match(one, />one</);
    assert.match(two, />two</);
    const other = Buffer.from(XML.toString().replace('80', '81'));
    assert.match(editXmlBytes(other, 'a.xml', [{ xpath: '/config/host', value: 'one' }]).bytes.toString(), /<port>81<\/port>/);
  });

  it('values that JSON cannot tell apart (objects with their own toJSON) are computed, not looked up', () => {
    class Hidden {
      constructor(readonly v: string) {}
      toJSON(): string {
        return '***';
      }
    }
    const a = editXmlBytes(XML, 'a.xml', [{ xpath: '/config', setChildren: [{ host: new Hidden('h1') as unknown as string }] }]);
    const b = editXmlBytes(XML, 'a.xml', [{ xpath: '/config', setChildren: [{ host: new Hidden('h2') as unknown as string }] }]);
    assert.notEqual(a.bytes.toString(), b.bytes.toString());
  });

  it('errors are not remembered: the same bad edit fails again', () => {
    for (let i = 0; i < 2; i++) assert.throws(() => editXmlBytes(XML, 'a.xml', [{ xpath: '/config/*', value: 'x' }]), /matches 2 nodes/);
  });
});

describe('xml LruCache', () => {
  it('drops the least recently used entries beyond its budget', () => {
    const c = new LruCache<string, number>(3);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    assert.equal(c.get('a'), 1); // a is now the most recent
    c.set('d', 4);
    assert.equal(c.get('b'), undefined);
    assert.deepEqual(['a', 'c', 'd'].map((k) => c.get(k)), [1, 3, 4]);
    c.set('big', 5, 3); // weight 3 pushes everything else out
    assert.equal(c.size, 1);
    c.set('huge', 6, 4); // heavier than the whole budget: not kept
    assert.equal(c.get('huge'), undefined);
  });
});
