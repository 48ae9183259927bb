// Property: any argv (quotes, $(), backticks, newlines, non-ASCII) reaches the remote program unchanged over ssh.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';

// strings without NUL (no POSIX argv can carry one), biased towards shell metacharacters
const nasty = fc.constantFrom("'", '"', '$(id)', '`id`', '\n', ' ', '\\', '*', ';', '&&', '|', '>', '#', '~', '$HOME', '!', 'é', '日本', '\t', '-n', '--');
const arg = fc.array(fc.oneof(nasty, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 5 })
  .map((parts) => parts.join('').replace(/\0/g, ''));

describe('lab: quoting over real ssh', function () {
  this.timeout(120_000);
  let lab: Lab;
  let conn: SshConnection;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 1 });
    conn = await openSsh(lab.spec('lab1'));
  });
  after(async () => {
    await conn?.close();
    await lab?.stop();
  });

  it('random argv -> remote printf %s\\0 -> the same strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arg, { minLength: 1, maxLength: 6 }), async (args) => {
        const r = await conn.exec(['printf', '%s\\0', ...args]);
        assert.equal(r.exitCode, 0, r.stderr);
        assert.deepEqual(r.stdout.split('\0').slice(0, -1), args);
      }),
      { numRuns: 100 },
    );
  });

  it('random env values, cwd and become keep their bytes too', async () => {
    await conn.exec(['mkdir', '-p', "/opt/dir with 'quote' and $(x)"]);
    await fc.assert(
      fc.asyncProperty(arg, arg, async (value, a) => {
        const r = await conn.exec(['sh', '-c', 'printf "%s\\0%s\\0%s\\0" "$V" "$(pwd)" "$1"', 'sh', a], {
          env: { V: value }, cwd: "/opt/dir with 'quote' and $(x)", become: { user: 'app' },
        });
        assert.equal(r.exitCode, 0, r.stderr);
        assert.deepEqual(r.stdout.split('\0').slice(0, -1), [value, "/opt/dir with 'quote' and $(x)", a]);
      }),
      { numRuns: 40 },
    );
  });

  it('file names with any characters round-trip through writeFile/readFile/stat', async () => {
    await fc.assert(
      fc.asyncProperty(arg.filter((s) => !s.includes('/') && s !== '' && s !== '.' && s !== '..' && Buffer.byteLength(s) < 200), async (name) => {
        const file = `/opt/${name}`;
        await conn.writeFile(file, Buffer.from(name));
        assert.equal(String(await conn.readFile(file)), name);
        assert.equal((await conn.stat(file)).size, Buffer.byteLength(name));
        const ls = await conn.exec(['sh', '-c', 'printf "%s" "$(cat -- "$1")"', 'sh', file]);
        assert.equal(ls.stdout, name.replace(/\n+$/, ''));
        await conn.exec(['rm', '-f', '--', file]);
      }),
      { numRuns: 40 },
    );
  });
});
