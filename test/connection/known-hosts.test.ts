// known_hosts parsing and matching: plain, patterns, hashed, [host]:port, @revoked, @cert-authority.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  checkHostKey, entryMatches, fingerprintKey, formatKnownHostLine, knownHostName, parseKnownHosts, preferredHostKeyAlgorithms,
} from '../../src/connection/known-hosts.js';

function wireKey(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const b = Buffer.from(body);
  const len = (n: number) => {
    const x = Buffer.alloc(4);
    x.writeUInt32BE(n);
    return x;
  };
  return Buffer.concat([len(t.length), t, len(b.length), b]);
}

const K1 = wireKey('ssh-ed25519', 'key-one-32-bytes-long-aaaaaaaaaa');
const K2 = wireKey('ssh-ed25519', 'key-two-32-bytes-long-bbbbbbbbbb');
const R1 = wireKey('ssh-rsa', 'rsa-key');
const line = (hosts: string, k: Buffer) => `${hosts} ${k.subarray(4, 4 + k.readUInt32BE(0)).toString()} ${k.toString('base64')}`;

describe('known_hosts', () => {
  it('names non-22 ports as [host]:port', () => {
    assert.equal(knownHostName('10.0.0.1'), '10.0.0.1');
    assert.equal(knownHostName('10.0.0.1', 2222), '[10.0.0.1]:2222');
  });

  it('matches comma lists, wildcards and negations', () => {
    assert.ok(entryMatches('a.example,10.0.0.1', '10.0.0.1'));
    assert.ok(entryMatches('*.example', 'web1.example'));
    assert.ok(!entryMatches('*.example,!db.example', 'db.example'));
    assert.ok(!entryMatches('10.0.0.1', '[10.0.0.1]:2222'));
    assert.ok(entryMatches('[10.0.0.1]:2222', '[10.0.0.1]:2222'));
    assert.ok(!entryMatches('10.0.0.1', '10.0.0.10'));
  });

  it('matches hashed names (HMAC-SHA1 over the name)', () => {
    const salt = Buffer.from('0123456789abcdefghij');
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[h]:2200').digest('base64')}`;
    assert.ok(entryMatches(hashed, '[h]:2200'));
    assert.ok(!entryMatches(hashed, 'h'));
    assert.ok(entryMatches(formatKnownHostLine('web', K1, true).split(' ')[0]!, 'web'));
  });

  it('tells known, unknown, changed and revoked apart', () => {
    const entries = parseKnownHosts([
      '# comment', '', line('web,10.0.0.1', K1), `@cert-authority *.example ${line('x', K2).split(' ').slice(1).join(' ')}`,
      `@revoked * ${line('x', R1).split(' ').slice(1).join(' ')}`, 'garbage',
    ].join('\n'), 'kh');
    assert.equal(entries.length, 3);
    assert.equal(checkHostKey(entries, 'web', K1).status, 'known');
    assert.equal(checkHostKey(entries, 'other', K1).status, 'unknown');
    const changed = checkHostKey(entries, '10.0.0.1', K2);
    assert.equal(changed.status, 'changed');
    assert.equal(changed.status === 'changed' && changed.entry.line, 3);
    assert.equal(checkHostKey(entries, 'web', R1).status, 'revoked');
    // a @cert-authority line is not a host key for the name
    assert.equal(checkHostKey(entries, 'a.example', K2).status, 'unknown');
  });

  it('prints fingerprints like OpenSSH (SHA256, unpadded base64)', () => {
    assert.match(fingerprintKey(K1), /^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('asks the server for key types it can verify first', () => {
    assert.deepEqual(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    assert.equal(preferredHostKeyAlgorithms([])[0], 'ssh-ed25519');
  });
});
