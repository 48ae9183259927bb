// unifiedDiff skips binary and oversized contents (as Ansible's max_diff_size) instead of stalling the run in jsdiff.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MAX_DIFF_CHARS, unifiedDiff } from '../../src/report/diff.js';

describe('report: unified diff limits', () => {
  it('diffs ordinary text with context', () => {
    const d = unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', '/opt/x.conf');
    assert.equal(d, '--- before: /opt/x.conf\n+++ after: /opt/x.conf\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  });

  it('says "diff skipped: binary content" when either side has a NUL byte', () => {
    const before = randomBytes(3 << 20).toString('latin1');
    const after = randomBytes(8 << 20).toString('latin1');
    assert.equal(unifiedDiff(before, after, '/opt/big.bin'),
      `--- before: /opt/big.bin\n+++ after: /opt/big.bin\ndiff skipped: binary content (${before.length} -> ${after.length} characters)\n`);
    assert.match(unifiedDiff(null, 'a\0b', '/opt/new.bin'), /diff skipped: binary content \(0 -> 3 characters\)/);
  });

  it('skips text larger than MAX_DIFF_CHARS on either side, and diffs text just under it', () => {
    const big = 'line\n'.repeat(Math.ceil((MAX_DIFF_CHARS + 1) / 5));
    assert.match(unifiedDiff(big, 'short\n', '/opt/log'), /^--- before: \/opt\/log\n\+\+\+ after: \/opt\/log\ndiff skipped: content larger than 104448 characters/);
    const under = 'x'.repeat(MAX_DIFF_CHARS - 10) + '\n';
    assert.match(unifiedDiff(under, `${under}y\n`, '/opt/ok'), /\n\+y$/m);
    assert.equal(unifiedDiff(big, big, '/opt/log'), '', 'equal contents give no diff at all');
  });
});
