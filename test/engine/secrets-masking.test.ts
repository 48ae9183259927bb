// Masking rules as units: secret names, every escaped form, diffs masked by position (rotation) and by name, errors.

import assert from 'node:assert/strict';
import { isSecretName, Masker, MASK, Secret, withMasker } from '../../src/vars/secret.js';
import { maskByName, maskResultDiff, maskUnified } from '../../src/report/mask-diff.js';
import { unifiedDiff } from '../../src/report/diff.js';
import { maskError, redactLine } from '../../src/report/mask-error.js';
import { UserError } from '../../src/errors.js';

const M = MASK;

describe('masking rules', () => {
  it('secret names: the last word decides; files, paths and flags are not secret', () => {
    const yes = ['esb_db_password', 'SvnPassword', 'ansible_become_pass', 'ansible_ssh_pass', 'keystore_key_pass', 'client_secret', 'aws_secret_key', 'api_key', 'db-passwd', 'KeyPassword', 'pwd', 'vault.passphrase'];
    const no = ['password_file', 'pass_through_port', 'secret_dir', 'passwords_enabled', 'esb_version', 'key_file', 'passage', 'bypass', 'ssl_key_bits', 'compass'];
    for (const n of yes) assert.equal(isSecretName(n), true, n);
    for (const n of no) assert.equal(isSecretName(n), false, n);
  });

  it('the masker hides the XML-, JSON-, URL-, shell-escaped and base64 forms, longest first', () => {
    const m = new Masker();
    const s = `P&ss<w0rd>"'é`;
    m.add(s);
    const texts = [
      `<password>P&amp;ss&lt;w0rd&gt;"'é</password>`,
      `<db password="P&amp;ss&lt;w0rd>&quot;'é"/>`,
      `{"password": "P&ss<w0rd>\\"'é"}`,
      `{"password": "P&ss<w0rd>\\"'\\u00e9"}`,
      `url?pw=P%26ss%3Cw0rd%3E%22'%C3%A9`,
      `sh -c 'echo P&ss<w0rd>"'\\''é'`,
      `b64=${Buffer.from(s).toString('base64')}`,
    ];
    for (const t of texts) {
      const out = m.mask(t);
      assert.ok(out.includes(M), `${t} -> ${out}`);
      assert.ok(!out.includes('w0rd'), `${t} -> ${out}`);
    }
    m.add('ab');
    assert.equal(m.mask('ab cab'), 'ab cab', 'shorter than 3 characters: not masked by search');
  });

  it('a Secret made inside withMasker registers itself, so derived values are masked', () => {
    const m = new Masker();
    withMasker(m, () => new Secret(Buffer.from('derived-secret').toString('hex')));
    assert.equal(m.mask(`x=${Buffer.from('derived-secret').toString('hex')}`), `x=${M}`);
    new Secret('outside-any-run');
    assert.equal(m.mask('outside-any-run'), 'outside-any-run');
  });

  it('rotation: the old value a secret replaces is masked by position, widened over a shared prefix, then everywhere', () => {
    const m = new Masker();
    m.add('abNEWsecret');
    const before = 'user=app\npassword=abOLDsecret\nother=abOLDsecret\nport=1\n';
    const after = 'user=app\npassword=abNEWsecret\nother=abOLDsecret\nport=1\n';
    const out = maskUnified(unifiedDiff(before, after, '/etc/db.conf'), m);
    assert.match(out, /^-password=\*{8}$/m);
    assert.match(out, /^\+password=\*{8}$/m);
    assert.doesNotMatch(out, /OLD|NEW|ab\*/, out);
    assert.match(out, /^ other=\*{8}$/m, 'the old value, now known, is masked in context lines too');
    assert.equal(m.mask('later: abOLDsecret'), `later: ${M}`);
  });

  it('an unrelated change next to a secret is not masked; unequal blocks are masked as a block', () => {
    const m = new Masker();
    m.add('s3cr3t-value');
    const same = maskUnified(unifiedDiff('pw=s3cr3t-value # one\n', 'pw=s3cr3t-value # two\n', 'f'), m);
    assert.match(same, /^-pw=\*{8} # one$/m);
    const block = maskUnified(unifiedDiff('a\nkey: old-multi\nline: two\nz\n', 'a\nkey: s3cr3t-value\nz\n', 'f'), m);
    assert.doesNotMatch(block, /old-multi|two/, block);
  });

  it('values under secret-looking XML elements, attributes and keys are masked in any diff line', () => {
    const cases: [string, string][] = [
      ['  <password>wso2carbon</password>', `  <password>${M}</password>`],
      ['<KeyPassword>k</KeyPassword><Alias>wso2carbon</Alias>', `<KeyPassword>${M}</KeyPassword><Alias>wso2carbon</Alias>`],
      ['<svns:SvnPassword x="1">pw</svns:SvnPassword>', `<svns:SvnPassword x="1">${M}</svns:SvnPassword>`],
      ['<db user="app" password="p"/>', `<db user="app" password="${M}"/>`],
      ['javax.net.ssl.keyStorePassword=changeit', `javax.net.ssl.keyStorePassword=${M}`],
      ['  "db_password": "x",', `  "db_password": "${M}",`],
      ['esb_db_password: wso2carbon', `esb_db_password: ${M}`],
      ['password_file=/etc/pw', 'password_file=/etc/pw'],
      ['<username>wso2carbon</username>', '<username>wso2carbon</username>'],
    ];
    for (const [line, want] of cases) assert.equal(maskByName(line), want, line);
  });

  it('a file diff event carries a masked unified text; its before/after are masked too', () => {
    const m = new Masker();
    m.add('new-pass-word');
    const d = maskResultDiff({ path: '/x.xml', before: '<password>old-pass</password>\n', after: '<password>new-pass-word</password>\n' }, m);
    assert.match(d.unified!, /^-<password>\*{8}<\/password>\n\+<password>\*{8}<\/password>$/m);
    assert.doesNotMatch(JSON.stringify(d), /old-pass|new-pass-word/);
  });

  it("an error's quoted line hides values by secret-looking name and !secret tag (a file that failed to load registered nothing)", () => {
    const cases: [string, string][] = [
      ['db_password: ab\'c', `db_password: ${M}`],
      ['    - { name: x, vars: { db_password: hunter22, n: 1 }, bogus: 1 }', `    - { name: x, vars: { db_password: ${M}, n: 1 }, bogus: 1 }`],
      [`  x: { api_key: 'a''b', y: 2 }`, `  x: { api_key: ${M}, y: 2 }`],
      ['    - mysql_user: name=esb password=S3cret host=% cmd="--db-password=abc"', `    - mysql_user: name=esb password=${M} host=% cmd="--db-password=${M}"`],
      ['token: !secret ab\'c: d', `token: !secret ${M}`],
      ['- debug: { msg: !secret "x y", n: 1 }', `- debug: { msg: !secret ${M}, n: 1 }`],
      ['db_password: "{{ vault_pw }}"', 'db_password: "{{ vault_pw }}"'],
      ['password_file: /etc/pw', 'password_file: /etc/pw'],
    ];
    for (const [line, want] of cases) assert.equal(redactLine(line), want, line);
    const e = maskError(new UserError('YAML syntax error', { file: 'v.yml', line: 2, col: 1 }, 'db_password: hunter22: x')) as UserError;
    assert.equal(e.format(), `v.yml:2:1: YAML syntax error\n    db_password: ${M}\n    ^`);
  });

  it('an error leaving a run keeps its class and exit code, with message and source line masked', () => {
    const m = new Masker();
    m.add('hunter22');
    const e = maskError(new UserError("bad mode 'hunter22'", { file: 'x.yml', line: 3, col: 5 }, '    mode: hunter22'), m) as UserError;
    assert.ok(e instanceof UserError);
    assert.equal(e.exitCode, 5);
    assert.equal(e.format(), `x.yml:3:5: bad mode '${M}'\n    ${'    mode: ' + M}\n        ^`);
  });
});
