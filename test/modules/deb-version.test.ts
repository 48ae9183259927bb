// Debian version order: compareDebVersions agrees with `dpkg --compare-versions` on generated versions; fnmatch pins.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { compareDebVersions, matchesVersionPin, satisfiesPin } from '../../src/modules/deb-version.js';
import { hasTool } from './op-harness.js';

const part = (first: string, rest: string, max: number) =>
  fc.tuple(fc.constantFrom(...first), fc.array(fc.constantFrom(...rest), { maxLength: max })).map(([a, b]) => a + b.join(''));
const version = fc.tuple(
  fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  part('0123456789', '0123456789abz.+~', 6),
  fc.option(part('0123456789a', '0123456789abz.+~', 4), { nil: undefined }),
).map(([epoch, up, rev]) => `${epoch !== undefined ? `${epoch}:` : ''}${up}${rev !== undefined ? `-${rev}` : ''}`);

describe('Debian versions', () => {
  it('compare like dpkg --compare-versions (400 generated pairs and known edge cases)', function () {
    if (!hasTool('dpkg')) this.skip();
    this.timeout(120_000);
    const pairs: [string, string][] = [
      ['1.0~rc1', '1.0'], ['1.0', '1.0-0'], ['1:0.1', '2.0'], ['1.22.1-9+deb12u11', '1.22.1-9+deb12u9'], ['3.0.22-1~deb12u2', '3.0.22-1'],
      ['1.0a', '1.0+'], ['1.0.', '1.0'], ['0010', '10'], ['2.0-1', '2.0-1'], ['1.0~~', '1.0~'],
      ...fc.sample(fc.tuple(version, version), { numRuns: 400, seed: 7 }),
    ];
    const script = 'while read -r a b; do if dpkg --compare-versions "$a" lt "$b"; then echo -1; elif dpkg --compare-versions "$a" eq "$b"; then echo 0; else echo 1; fi; done';
    const out = execFileSync('sh', ['-c', script], { input: pairs.map(([a, b]) => `${a} ${b}\n`).join(''), encoding: 'utf8' }).trim().split('\n');
    for (const [i, [a, b]] of pairs.entries()) assert.equal(Math.sign(compareDebVersions(a, b)), Number(out[i]), `${a} vs ${b}`);
  });

  it('pins: = is fnmatch on the version, >= is dpkg order', () => {
    assert.ok(matchesVersionPin('1.22.1-9+deb12u11', '1.22*'));
    assert.ok(matchesVersionPin('1.22.1-9+deb12u11', '1.22.1-9+deb12u11'));
    assert.ok(!matchesVersionPin('1.22.1-9+deb12u11', '1.22'));
    assert.ok(!matchesVersionPin('1x22', '1.22'), 'a dot is a dot');
    assert.ok(satisfiesPin('3.0.22-1~deb12u2', '>=', '3.0'));
    assert.ok(!satisfiesPin('3.0.22-1~deb12u2', '>=', '3.0.22-1'));
    assert.ok(satisfiesPin('anything', undefined, undefined));
  });
});
