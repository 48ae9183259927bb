// Vault format compatibility with the real ansible-vault: 1.1 and 1.2 (vault ids) both ways, wrong passwords, tampering, CRLF.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { VaultDecryptError } from '../../src/vault/keyring.js';
import { parseEnvelope } from '../../src/vault/envelope.js';
import { ansibleVault, ansibleVaultStatus, keyring, tempDir, type TempDir } from './vault-helpers.js';

const TEXT = 'db_password: "P&ss<w0rd>\\"\'$x`"\nnote: héllo wörld ✓\n';

describe('vault: compatibility with ansible-vault', function () {
  this.timeout(60000);
  let t: TempDir;
  beforeEach(() => {
    t = tempDir();
    t.write('pw-default', 'correct horse\n');
    t.write('pw-prod', 'prod-pässword\n');
    t.write('pw-dev', 'dev password');
  });
  afterEach(() => t.cleanup());

  it('opens a 1.1 file made by ansible-vault --vault-password-file', () => {
    const f = t.write('a.yml', TEXT);
    ansibleVault(['encrypt', '--vault-password-file', 'pw-default', 'a.yml'], { cwd: t.dir });
    const vault = readFileSync(f, 'utf8');
    assert.match(vault, /^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    const r = keyring(['default', 'correct horse']).decrypt(vault);
    assert.equal(r.plaintext.toString('utf8'), TEXT);
    assert.equal(r.usedId, 'default');
  });

  it('opens a 1.2 file with a vault id, trying the header id first among several passwords', () => {
    const f = t.write('a.yml', TEXT);
    ansibleVault(['encrypt', '--vault-id', 'prod@pw-prod', 'a.yml'], { cwd: t.dir });
    const vault = readFileSync(f, 'utf8');
    assert.match(vault, /^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
    const r = keyring(['dev', 'dev password'], ['default', 'correct horse'], ['prod', 'prod-pässword']).decrypt(vault);
    assert.equal(r.plaintext.toString('utf8'), TEXT);
    assert.equal(r.usedId, 'prod');
    assert.equal(r.headerId, 'prod');
    // the header id is only a hint: a password under another label still opens it, as in Ansible
    assert.equal(keyring(['other', 'prod-pässword']).decrypt(vault).usedId, 'other');
  });

  it('makes 1.1 and 1.2 files that ansible-vault opens unchanged', () => {
    const k = keyring(['default', 'correct horse'], ['prod', 'prod-pässword']);
    const v11 = k.encrypt(Buffer.from(TEXT), 'default');
    const v12 = k.encrypt(Buffer.from(TEXT), 'prod');
    assert.match(v11, /^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    assert.match(v12, /^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
    for (const v of [v11, v12]) for (const line of v.split('\n').slice(1)) assert.ok(line.length <= 80, 'lines of at most 80 columns');
    t.write('v11.yml', v11);
    t.write('v12.yml', v12);
    assert.equal(ansibleVault(['view', '--vault-password-file', 'pw-default', 'v11.yml'], { cwd: t.dir }), TEXT);
    assert.equal(ansibleVault(['view', '--vault-id', 'prod@pw-prod', 'v12.yml'], { cwd: t.dir }), TEXT);
    // binary bytes of every value survive the round trip
    const bin = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    t.write('bin.vault', k.encrypt(bin, 'default'));
    ansibleVault(['decrypt', '--vault-password-file', 'pw-default', 'bin.vault'], { cwd: t.dir });
    assert.deepEqual(readFileSync(`${t.dir}/bin.vault`), bin);
  });

  it('refuses a wrong password, naming the vault ids tried but never a password', () => {
    const f = t.write('a.yml', TEXT);
    ansibleVault(['encrypt', '--vault-id', 'prod@pw-prod', 'a.yml'], { cwd: t.dir });
    const err = catchDecrypt(() => keyring(['dev', 'dev password'], ['default', 'correct horse']).decrypt(readFileSync(f, 'utf8')));
    assert.equal(err.reason, 'wrong-password');
    assert.match(err.message, /vault id 'prod' in the header/);
    assert.match(err.message, /dev/);
    assert.doesNotMatch(err.message, /dev password|correct horse/);
    // and ansible-vault agrees the password is wrong
    assert.notEqual(ansibleVaultStatus(['view', '--vault-password-file', 'pw-dev', 'a.yml'], t.dir).status, 0);
  });

  it('refuses tampered HMAC, ciphertext and salt (the HMAC is verified before decrypting)', () => {
    const k = keyring(['default', 'correct horse']);
    const good = k.encrypt(Buffer.from(TEXT), 'default');
    const env = parseEnvelope(good);
    const inner = (salt: Buffer, hmac: Buffer, ct: Buffer) =>
      `$ANSIBLE_VAULT;1.1;AES256\n${Buffer.from(`${salt.toString('hex')}\n${hmac.toString('hex')}\n${ct.toString('hex')}`).toString('hex')}\n`;
    const flip = (b: Buffer, i: number) => Buffer.from(b.map((x, j) => (j === i ? x ^ 1 : x)));
    for (const bad of [inner(env.salt, flip(env.hmac, 5), env.ciphertext), inner(env.salt, env.hmac, flip(env.ciphertext, 3)), inner(flip(env.salt, 0), env.hmac, env.ciphertext)]) {
      assert.equal(catchDecrypt(() => k.decrypt(bad)).reason, 'wrong-password');
      t.write('bad.yml', bad);
      assert.notEqual(ansibleVaultStatus(['view', '--vault-password-file', 'pw-default', 'bad.yml'], t.dir).status, 0, 'ansible-vault refuses it too');
    }
    assert.equal(k.decrypt(inner(env.salt, env.hmac, env.ciphertext)).plaintext.toString('utf8'), TEXT);
    assert.equal(catchDecrypt(() => k.decrypt('$ANSIBLE_VAULT;1.1;AES256\nzz\n')).reason, 'format');
  });

  it('opens a file with CRLF line ends and indentation (an inline value pasted from Windows)', () => {
    const f = t.write('a.yml', TEXT);
    ansibleVault(['encrypt', '--vault-password-file', 'pw-default', 'a.yml'], { cwd: t.dir });
    const crlf = readFileSync(f, 'utf8').replace(/\n/g, '\r\n').split('\r\n').map((l) => `    ${l}`).join('\r\n');
    assert.equal(keyring(['default', 'correct horse']).decrypt(crlf).plaintext.toString('utf8'), TEXT);
  });

  it('without any password says so and what to pass', () => {
    const err = catchDecrypt(() => keyring().decrypt(keyring(['default', 'x y z']).encrypt(Buffer.from('a'))));
    assert.equal(err.reason, 'no-password');
    assert.match(err.message, /--vault-password-file/);
  });
});

function catchDecrypt(f: () => unknown): VaultDecryptError {
  try {
    f();
  } catch (e) {
    if (e instanceof VaultDecryptError) return e;
    throw e;
  }
  assert.fail('expected a VaultDecryptError');
}
