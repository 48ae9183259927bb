// SharedContents: equal contents read from several hosts come back as one Buffer; different or small ones are left alone.

import assert from 'node:assert/strict';
import { SharedContents } from '../../src/connection/shared-contents.js';

describe('SharedContents', () => {
  const bytes = (n: number, fill: number) => Buffer.alloc(n, fill);

  it('gives a later read of the same bytes the Buffer read first', () => {
    const s = new SharedContents();
    const first = bytes(64 * 1024, 7);
    assert.equal(s.share(first), first);
    const again = bytes(64 * 1024, 7);
    const got = s.share(again);
    assert.equal(got, first);
    assert.notEqual(got, again);
    assert.equal(s.size, 1);
  });

  it('keeps contents of the same length that differ apart, each byte for byte', () => {
    const s = new SharedContents();
    const a = bytes(8192, 1);
    const b = Buffer.from(a);
    b[8191] = 2;
    assert.equal(s.share(a), a);
    assert.equal(s.share(b), b);
    assert.deepEqual(s.share(Buffer.from(b)), b);
    assert.equal(s.share(Buffer.from(b)), b);
    assert.equal(s.size, 2);
  });

  it('leaves small contents alone (they may be slices of a shared pool)', () => {
    const s = new SharedContents();
    const a = bytes(100, 3);
    const b = bytes(100, 3);
    assert.equal(s.share(a), a);
    assert.equal(s.share(b), b);
    assert.equal(s.size, 0);
  });

  it('holds at most 16 different contents of one length, the latest', () => {
    const s = new SharedContents();
    const held = Array.from({ length: 20 }, (_, i) => bytes(5000, i));
    for (const b of held) s.share(b);
    assert.equal(s.size, 16);
    assert.equal(s.share(bytes(5000, 19)), held[19]);
    const oldest = bytes(5000, 0);
    assert.equal(s.share(oldest), oldest);
  });
});
