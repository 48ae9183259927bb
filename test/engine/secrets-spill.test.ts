// Spilled command output (beyond 4 MiB) is masked on its way to a private file: secrets cut by chunk boundaries too, other bytes unchanged.

import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BoundedOutput, OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES, spillDir } from '../../src/connection/output-buffer.js';
import { StreamMasker } from '../../src/report/mask-stream.js';
import { secretForms } from '../../src/report/secret-forms.js';
import { Masker, MASK } from '../../src/vars/secret.js';
import { makeProject, play, runCli, type Project } from './helpers.js';

const SECRET = `Sp1ll-é&<"'>-s3cr3t`;

function maskerOf(...secrets: string[]): Masker {
  const m = new Masker();
  for (const s of secrets) m.add(s);
  return m;
}

/** The stream masked chunk by chunk, cut at the given offsets. */
function streamed(m: Masker, bytes: Buffer, cuts: readonly number[]): Buffer {
  const s = new StreamMasker(m);
  const out: Buffer[] = [];
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(s.push(bytes.subarray(at, c)));
    at = c;
  }
  out.push(s.end());
  return Buffer.concat(out);
}

function hasAnyForm(bytes: Buffer, secret: string): string | undefined {
  return secretForms(secret).find((f) => f.length >= 3 && bytes.includes(Buffer.from(f)));
}

describe('spilled output is masked', function () {
  this.timeout(120_000);

  it('a secret cut at every possible place between two chunks, and byte by byte: the same bytes as masking the whole', () => {
    const m = maskerOf(SECRET, 'abcabc');
    const text = Buffer.concat([
      Buffer.from(`x ${SECRET} y abcab${encodeURIComponent(SECRET)}abcabc `),
      Buffer.from([0xff, 0xfe, 0xc3]), // not UTF-8: kept as is
      Buffer.from(` "${JSON.stringify(SECRET).slice(1, -1)}" ${SECRET}`),
    ]);
    const whole = Buffer.from(m.mask(text.toString('latin1')), 'latin1');
    const want = Buffer.concat([
      Buffer.from(`x ${MASK} y abcab${MASK}${MASK} `),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(` "${MASK}" ${MASK}`),
    ]);
    assert.ok(streamed(m, text, []).equals(want), streamed(m, text, []).toString('latin1'));
    for (let k = 0; k <= text.length; k++) assert.ok(streamed(m, text, [k]).equals(want), `cut at ${k}`);
    assert.ok(streamed(m, text, Array.from({ length: text.length }, (_, i) => i)).equals(want), 'byte by byte');
    assert.notEqual(whole.length, 0);
  });

  it('a secret registered while the stream flows is masked from then on; no masker, no change', () => {
    const m = new Masker();
    const s = new StreamMasker(m);
    const first = s.push(Buffer.from(`early ${SECRET} `));
    m.add(SECRET);
    const rest = Buffer.concat([s.push(Buffer.from(`late ${SECRET.slice(0, 5)}`)), s.push(Buffer.from(`${SECRET.slice(5)} end`)), s.end()]);
    assert.equal(first.toString(), `early ${SECRET} `);
    assert.equal(rest.toString(), `late ${MASK} end`);
  });

  it('BoundedOutput: the spill file has the secret masked across the head/tail cut and 64 KiB chunks, mode 0600 in a 0700 directory', () => {
    const b = new BoundedOutput('db host', 'stdout', false, maskerOf(SECRET));
    const secret = Buffer.from(SECRET);
    const filler = (n: number, c: string) => Buffer.alloc(n, c);
    // the secret straddles the head limit, a 64 KiB chunk boundary, and ends the stream
    const parts = [filler(OUTPUT_HEAD_BYTES - 7, 'a'), secret, filler(OUTPUT_TAIL_BYTES + 65_536 * 3 - 9, 'b'), secret, filler(65_536, 'c'), secret];
    const all = Buffer.concat(parts);
    for (let at = 0; at < all.length; at += 65_536) b.push(all.subarray(at, Math.min(all.length, at + 65_536)));
    const r = b.finish();
    assert.ok(r.file);
    try {
      const file = readFileSync(r.file);
      assert.equal(hasAnyForm(file, SECRET), undefined);
      assert.equal(file.toString('latin1').split(MASK).length - 1, 3);
      assert.equal(file.length, all.length - 3 * (secret.length - MASK.length));
      assert.equal(statSync(r.file).mode & 0o777, 0o600);
      assert.equal(statSync(path.dirname(r.file)).mode & 0o777, 0o700);
      assert.match(r.text, /the whole stdout is in .*, secrets masked\]/);
      assert.equal(r.bytes, all.length);
    } finally {
      rmSync(r.file, { force: true });
    }
  });

  it('the spill directory: made 0700 if it is ours; a symlink or a file under its name is not used', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'esbplay-spilldir-'));
    const saved = process.env.TMPDIR;
    try {
      process.env.TMPDIR = tmp;
      mkdirSync(path.join(tmp, 'esbplay-output'), { mode: 0o755 });
      chmodSync(path.join(tmp, 'esbplay-output'), 0o755);
      assert.equal(spillDir(), path.join(tmp, 'esbplay-output'));
      assert.equal(statSync(path.join(tmp, 'esbplay-output')).mode & 0o777, 0o700);
      rmSync(path.join(tmp, 'esbplay-output'), { recursive: true });
      mkdirSync(path.join(tmp, 'elsewhere'), { mode: 0o777 });
      symlinkSync(path.join(tmp, 'elsewhere'), path.join(tmp, 'esbplay-output'));
      const dir = spillDir();
      assert.match(path.basename(dir), /^esbplay-output-\w{6}$/);
      assert.equal(lstatSync(dir).isDirectory(), true);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  describe('through a playbook', () => {
    let p: Project;
    afterEach(() => p.cleanup());

    it('a command printing 9 MB with a secret (by name, from -e) at the 4 MiB cut: the result names a file that holds no form of it', async () => {
      p = makeProject({ hosts: ['h1'] });
      const script = `head -c ${OUTPUT_HEAD_BYTES - 4} /dev/zero | tr '\\0' x; printf '%s' "$1"; head -c 5000000 /dev/zero | tr '\\0' y; printf '%s\\n' "$1"`;
      p.write('site.yml', play(`- command:\n    argv: [sh, -c, ${JSON.stringify(script)}, sh, "{{ db_password }}"]\n  register: out\n- debug: { msg: "{{ out.stdout_file }}" }\n`));
      const r = await runCli(p, 'site.yml', '-e', JSON.stringify({ db_password: SECRET }), '--output', 'json');
      assert.equal(r.code, 0, r.err);
      const doc = JSON.parse(r.out) as { plays: { tasks: { hosts: { h1: { result: Record<string, unknown> } } }[] }[] };
      const file = String(doc.plays[0]!.tasks[0]!.hosts.h1.result.stdout_file);
      try {
        const bytes = readFileSync(file);
        assert.equal(hasAnyForm(bytes, SECRET), undefined);
        assert.equal(bytes.toString('latin1').split(MASK).length - 1, 2);
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.match(String(doc.plays[0]!.tasks[0]!.hosts.h1.result.stdout), /secrets masked\]/);
        assert.ok(!r.out.includes(SECRET));
      } finally {
        rmSync(file, { force: true });
      }
    });
  });
});
