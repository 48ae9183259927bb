// The test suite's own rules, read from its sources: ssh hosts start only in test/lab/, test servers listen only on 127.10.0.0/16.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The lab's port guards listen on 127.0.0.1 on purpose (a daemon left on its defaults must fail to bind). */
const LOOPBACK_ALLOWED = new Set(['lab/cluster-guard.ts']);

/** What starts an ssh host: only test/lab/ may use it, so test:unit never does and test:lab runs them all. */
const SSH_HOST_STARTERS = /\b(startLab|startSysHost|spawnHost|requireLab)\s*\(/;

/** listen() on an address outside 127.10.0.0/16: a literal 127.0.0.1, localhost, 0.0.0.0 or ::, or no address at all. */
export function badListens(source: string): string[] {
  const bad: string[] = [];
  for (const m of source.matchAll(/\.listen\(([^;\n]*)/g)) {
    const args = m[1]!;
    const literal = /^[^,]+,\s*['"`](127\.0\.0\.1|localhost|0\.0\.0\.0|::1?)['"`]/.test(args);
    const noAddress = /^\s*[\w.]+\s*(\)|,\s*(\(|\w+\s*=>|\(\)\s*=>|resolve\b|r\b))/.test(args);
    if (literal || noAddress) bad.push(`.listen(${args.trim()}`);
  }
  return bad;
}

function testSources(dir = TEST_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return testSources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('test suite layout', () => {
  it('the listen check flags loopback and any-address listens and passes 127.10 ones', () => {
    assert.deepEqual(badListens("server.listen(0, '127.0.0.1', r);"), [".listen(0, '127.0.0.1', r)"]);
    assert.equal(badListens('srv.listen(80, "0.0.0.0");').length, 1);
    assert.equal(badListens('server.listen(0, () => r());').length, 1);
    assert.equal(badListens('server.listen(port);').length, 1);
    assert.deepEqual(badListens('server.listen(0, ADDR, r); srv.listen(port, address, () => srv.close());'), []);
  });

  it('only test/lab/ starts ssh hosts (lab, sys-host) or needs the lab prerequisites', () => {
    const outside = testSources()
      .filter((f) => !path.relative(TEST_DIR, f).startsWith(`lab${path.sep}`) && f !== fileURLToPath(import.meta.url))
      .filter((f) => SSH_HOST_STARTERS.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(TEST_DIR, f));
    assert.deepEqual(outside, [], 'move these to test/lab/ (npm run test:unit must not start sshd)');
  });

  it('test servers listen on 127.10.0.0/16 only (never 127.0.0.1, localhost or every address)', () => {
    const found = testSources()
      .filter((f) => !LOOPBACK_ALLOWED.has(path.relative(TEST_DIR, f)) && f !== fileURLToPath(import.meta.url))
      .flatMap((f) => badListens(readFileSync(f, 'utf8')).map((b) => `${path.relative(TEST_DIR, f)}: ${b}`));
    assert.deepEqual(found, []);
  });
});
