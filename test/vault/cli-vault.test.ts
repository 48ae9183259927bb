// `esbplay vault` subcommands and password sources, checked against the real ansible-vault.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from '../engine/helpers.js';
import { ansibleVault, tempDir, type TempDir } from './vault-helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'test/vault/cli-entry.ts');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
const PLAIN = 'user: app\npassword: "P&ss<w0rd>"\n';

/** The CLI as a child process (stdin, detached from any terminal unless `tty`). */
function child(args: readonly string[], opts: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }) {
  const r = spawnSync(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd: opts.cwd, input: opts.input, env: { ...process.env, ...opts.env }, detached: true });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

describe('vault: the esbplay vault subcommands', function () {
  this.timeout(60000);
  let t: TempDir;
  let cwd: string;
  beforeEach(() => {
    t = tempDir();
    t.write('pw', 'first password\n');
    t.write('pw-new', 'second password\n');
    t.write('pw-prod', 'prod password\n');
    cwd = process.cwd();
    process.chdir(t.dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    t.cleanup();
  });

  it('encrypt in place (1.1 and with --vault-id 1.2) -> ansible-vault view; decrypt and view of ansible-vault files', async () => {
    t.write('a.yml', PLAIN, 0o640);
    t.write('b.yml', PLAIN);
    let r = await cli(['vault', 'encrypt', '--vault-password-file', 'pw', 'a.yml']);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync('a.yml', 'utf8'), /^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    assert.equal(statSync('a.yml').mode & 0o777, 0o640, 'mode kept');
    assert.equal(ansibleVault(['view', '--vault-password-file', 'pw', 'a.yml'], { cwd: t.dir }), PLAIN);
    r = await cli(['vault', 'encrypt', '--vault-id', 'prod@pw-prod', 'b.yml']);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync('b.yml', 'utf8'), /^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
    assert.equal(ansibleVault(['view', '--vault-id', 'prod@pw-prod', 'b.yml'], { cwd: t.dir }), PLAIN);
    r = await cli(['vault', 'encrypt', '--vault-password-file', 'pw', 'a.yml']);
    assert.equal(r.code, 5);
    assert.match(r.err, /already vault-encrypted/);

    t.write('c.yml', PLAIN);
    ansibleVault(['encrypt', '--vault-id', 'prod@pw-prod', 'c.yml'], { cwd: t.dir });
    r = await cli(['vault', 'view', '--vault-password-file', 'pw', '--vault-id', 'prod@pw-prod', 'c.yml']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, PLAIN);
    r = await cli(['vault', 'decrypt', '--vault-id', 'prod@pw-prod', 'c.yml', '--output', 'c.plain']);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync('c.plain', 'utf8'), PLAIN);
    r = await cli(['vault', 'decrypt', '--vault-password-file', 'pw', 'c.yml']);
    assert.equal(r.code, 5);
    assert.match(r.err, /c\.yml: vault decryption failed: wrong vault password/);
    assert.doesNotMatch(r.err, /first password/);
  });

  it('rekey with --new-vault-password-file and --new-vault-id: ansible-vault opens it with the new password only', async () => {
    t.write('a.yml', PLAIN);
    ansibleVault(['encrypt', '--vault-password-file', 'pw', 'a.yml'], { cwd: t.dir });
    const r = await cli(['vault', 'rekey', '--vault-password-file', 'pw', '--new-vault-password-file', 'pw-new', '--new-vault-id', 'v2', 'a.yml']);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync('a.yml', 'utf8'), /^\$ANSIBLE_VAULT;1\.2;AES256;v2\n/);
    assert.equal(ansibleVault(['view', '--vault-id', 'v2@pw-new', 'a.yml'], { cwd: t.dir }), PLAIN);
    assert.notEqual(spawnSync('ansible-vault', ['view', '--vault-password-file', 'pw', 'a.yml'], { cwd: t.dir }).status, 0);
  });

  it('encrypt_string and encrypt-string: --name per string, several ids need --encrypt-vault-id; Ansible reads the result', async () => {
    let r = await cli(['vault', 'encrypt_string', '--vault-password-file', 'pw', '--vault-id', 'prod@pw-prod', 's1']);
    assert.equal(r.code, 5);
    assert.match(r.err, /several vault ids are available \(prod, default\): choose one with --encrypt-vault-id/);
    r = await cli(['vault', 'encrypt-string', '--vault-password-file', 'pw', '--vault-id', 'prod@pw-prod', '--encrypt-vault-id', 'prod', 'P&ss<w0rd>', 'second', '--name', 'db_password', '--name', 'other']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^db_password: !vault \|\n {10}\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
    assert.match(r.out, /\nother: !vault \|\n/);
    t.write('vars.yml', r.out);
    const shown = spawnSync('ansible', ['localhost', '-m', 'debug', '-a', 'msg={{ db_password }}/{{ other }}', '-e', '@vars.yml', '--vault-id', 'prod@pw-prod'], { cwd: t.dir, env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' } });
    assert.match(shown.stdout.toString(), /"msg": "P&ss<w0rd>\/second"/, shown.stderr.toString());
  });

  it('edit through $EDITOR: a 0600 temp file in a private dir, removed afterwards; same vault id; create refuses an existing file', async () => {
    t.write('a.yml', PLAIN);
    ansibleVault(['encrypt', '--vault-id', 'prod@pw-prod', 'a.yml'], { cwd: t.dir });
    const log = path.join(t.dir, 'editor.log');
    t.write('editor.sh', `#!/bin/sh\nstat -c '%a %n' "$1" >> '${log}'\nstat -c '%a' "$(dirname "$1")" >> '${log}'\nsed -i 's/app/admin/' "$1"\n`, 0o755);
    const env = process.env.EDITOR;
    process.env.EDITOR = path.join(t.dir, 'editor.sh');
    try {
      let r = await cli(['vault', 'edit', '--vault-id', 'prod@pw-prod', 'a.yml']);
      assert.equal(r.code, 0, r.err);
      r = await cli(['vault', 'create', '--vault-password-file', 'pw', 'a.yml']);
      assert.equal(r.code, 5);
      assert.match(r.err, /exists, use 'esbplay vault edit'/);
    } finally {
      process.env.EDITOR = env;
    }
    const [fileLine, dirMode] = readFileSync(log, 'utf8').trim().split('\n');
    const [mode, tmp] = fileLine!.split(' ');
    assert.equal(mode, '600');
    assert.equal(dirMode, '700');
    assert.equal(existsSync(tmp!), false, 'temp file removed');
    assert.equal(existsSync(path.dirname(tmp!)), false, 'temp dir removed');
    assert.match(readFileSync('a.yml', 'utf8'), /^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
    assert.equal(ansibleVault(['view', '--vault-id', 'prod@pw-prod', 'a.yml'], { cwd: t.dir }), PLAIN.replace('app', 'admin'));
  });

  it('password scripts: stdout is the password; *-client scripts get --vault-id <label>; a failing script is exit 5', async () => {
    t.write('get-pass.sh', "#!/bin/sh\nprintf 'first password\\n'\n", 0o755);
    t.write('keys-client.sh', `#!/bin/sh\n[ "$1" = --vault-id ] && [ "$2" = prod ] && echo 'prod password' && exit 0\nexit 3\n`, 0o755);
    t.write('broken.sh', '#!/bin/sh\necho oops >&2\nexit 7\n', 0o755);
    t.write('a.yml', PLAIN);
    ansibleVault(['encrypt', '--vault-id', 'prod@pw-prod', 'a.yml'], { cwd: t.dir });
    t.write('b.yml', PLAIN);
    ansibleVault(['encrypt', '--vault-password-file', 'pw', 'b.yml'], { cwd: t.dir });
    let r = await cli(['vault', 'view', '--vault-password-file', 'get-pass.sh', 'b.yml']);
    assert.equal(r.out, PLAIN, r.err);
    r = await cli(['vault', 'view', '--vault-id', 'prod@keys-client.sh', 'a.yml']);
    assert.equal(r.out, PLAIN, r.err);
    r = await cli(['vault', 'view', '--vault-id', 'broken.sh', 'a.yml']);
    assert.equal(r.code, 5);
    assert.match(r.err, /vault password script .*broken\.sh exited with 7: oops/);
    r = await cli(['vault', 'view', '--vault-password-file', 'missing', 'a.yml']);
    assert.equal(r.code, 5);
    assert.match(r.err, /vault password file .*missing was not found/);
  });

  it('stdin to stdout; --ask-vault-pass reads the password from stdin without a terminal; ANSIBLE_VAULT_PASSWORD_FILE', () => {
    let r = child(['vault', 'encrypt', '--vault-password-file', 'pw'], { cwd: t.dir, input: PLAIN });
    assert.equal(r.code, 0, r.err);
    t.write('s.vault', r.out);
    assert.equal(ansibleVault(['view', '--vault-password-file', 'pw', 's.vault'], { cwd: t.dir }), PLAIN);
    r = child(['vault', 'view', '--ask-vault-pass', 's.vault'], { cwd: t.dir, input: 'first password\n' });
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, PLAIN);
    r = child(['vault', 'decrypt', '-', '--output', '-'], { cwd: t.dir, input: readFileSync('s.vault', 'utf8'), env: { ANSIBLE_VAULT_PASSWORD_FILE: path.join(t.dir, 'pw') } });
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, PLAIN);
  });

  it('prompt on a real terminal (a pty from script(1)): the password is typed after the prompt and never echoed', async () => {
    t.write('a.yml', PLAIN);
    ansibleVault(['encrypt', '--vault-id', 'prod@pw-prod', 'a.yml'], { cwd: t.dir });
    const cmd = [process.execPath, '--import', TSX, ENTRY, 'vault', 'view', '--vault-id', 'prod@prompt', 'a.yml'].map((a) => `'${a}'`).join(' ');
    const p = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: t.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString('utf8');
      // type only once the prompt is shown, as a person would
      if (!before.includes('Vault password (prod): ') && out.includes('Vault password (prod): ')) p.stdin.end('prod password\r');
    });
    // script(1) keeps running while its stdin is open: a run that never prompts is ended, and fails below
    const guard = setTimeout(() => p.kill(), 40000);
    const code = await new Promise<number | null>((resolve) => p.on('close', resolve));
    clearTimeout(guard);
    assert.equal(code, 0, out);
    assert.match(out, /password: "P&ss<w0rd>"/);
    assert.doesNotMatch(out, /prod password/);
  });
});
