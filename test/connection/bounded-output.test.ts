// Command output is bounded: head and tail in memory, the whole output in a file on the controller, said in the result; 600 MB does not crash, 200 MB costs little RSS.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { BoundedOutput, OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES } from '../../src/connection/output-buffer.js';
import { LocalConnection } from '../../src/connection/local.js';
import { makeProject, play, type Project } from '../engine/helpers.js';
import { runCliChild } from './cli-child.js';

describe('bounded command output', function () {
  this.timeout(300_000);
  const spilled: string[] = [];
  after(() => spilled.forEach((f) => rmSync(f, { force: true })));

  it('keeps a small output whole, with no file', () => {
    const b = new BoundedOutput('h', 'stdout');
    b.push(Buffer.from('héllo\n'));
    assert.deepEqual(b.finish(), { text: 'héllo\n', bytes: 7 });
  });

  it('spills a big output: the file has every byte, the text has head, a note naming the file, and tail, cut on character boundaries', () => {
    const b = new BoundedOutput('host one', 'stdout');
    const total = OUTPUT_HEAD_BYTES + OUTPUT_TAIL_BYTES + 46 * 65_536 + 30_001; // ends on a whole character (after an x)
    const chunk = Buffer.from('x' + '€'.repeat(21_845)); // 65 536 bytes: cuts at 65 536 + 30 001 fall mid-character
    let sent = 0;
    const all: Buffer[] = [];
    while (sent < total) {
      const c = chunk.subarray(0, Math.min(chunk.length, total - sent));
      b.push(c);
      all.push(c);
      sent += c.length;
    }
    const r = b.finish();
    assert.ok(r.file);
    spilled.push(r.file);
    assert.equal(r.bytes, total);
    assert.ok(readFileSync(r.file).equals(Buffer.concat(all)));
    assert.match(r.text, new RegExp(`\\n\\[esbplay: \\d+ bytes of stdout not kept in memory \\(${total} in all\\); the whole stdout is in ${r.file.replace(/[.]/g, '\\.')}\\]\\n`));
    assert.ok(!r.text.includes('\ufffd'), 'no character was split');
    assert.ok(Buffer.byteLength(r.text) < OUTPUT_HEAD_BYTES + OUTPUT_TAIL_BYTES + 500);
    assert.equal(path.basename(r.file).startsWith('host_one-'), true);
  });

  it('file reads over exec keep every byte (unboundedOutput)', async () => {
    const conn = new LocalConnection('h');
    const r = await conn.exec(['sh', '-c', `head -c ${OUTPUT_HEAD_BYTES + OUTPUT_TAIL_BYTES + 10} /dev/zero | tr '\\0' a`], { unboundedOutput: true });
    assert.equal(r.stdout.length, OUTPUT_HEAD_BYTES + OUTPUT_TAIL_BYTES + 10);
    assert.equal(r.stdoutFile, undefined);
  });

  describe('through a playbook (the CLI as its own process)', () => {
    let p: Project;
    beforeEach(() => (p = makeProject({ hosts: ['h1'] })));
    afterEach(() => p.cleanup());

    const run = async (bytes: number) => {
      p.write('site.yml', play(`- name: talk a lot\n  command:\n    argv: [sh, -c, "yes 0123456789abcdef | head -c ${bytes}"]\n  register: out\n- debug: { msg: "{{ out.stdout_file }} {{ out.stdout | length }}" }\n`));
      const r = await runCliChild(['run', path.join(p.dir, 'site.yml'), '-i', p.inventory, '--output', 'json'], { env: { ESBPLAY_TEST_REPORT_RSS: '1' } });
      const maxRssKb = Number(/maxrss_kb=(\d+)/.exec(r.err)?.[1]);
      return { ...r, maxRssMb: Math.round(maxRssKb / 1024) };
    };

    it('600 MB of output: the run completes, the result says where the whole output is', async () => {
      const r = await run(600_000_000);
      assert.equal(r.code, 0, r.err.slice(0, 2000));
      const doc = JSON.parse(r.out) as { plays: { tasks: { hosts: { h1: { result: Record<string, unknown> } } }[] }[] };
      const result = doc.plays[0]!.tasks[0]!.hosts.h1.result;
      const file = String(result.stdout_file);
      spilled.push(file);
      assert.equal(statSync(file).size, 600_000_000);
      assert.match(String(result.stdout), /not kept in memory \(600000000 in all\); the whole stdout is in /);
      console.log(`      (600 MB of output: peak RSS ${r.maxRssMb} MB)`);
    });

    it('200 MB of output costs at most a few hundred MB of RSS for the whole run', async () => {
      const r = await run(200_000_000);
      assert.equal(r.code, 0, r.err.slice(0, 2000));
      const doc = JSON.parse(r.out) as { plays: { tasks: { hosts: { h1: { result: Record<string, unknown> } } }[] }[] };
      spilled.push(String(doc.plays[0]!.tasks[0]!.hosts.h1.result.stdout_file));
      console.log(`      (200 MB of output: peak RSS ${r.maxRssMb} MB)`);
      assert.ok(r.maxRssMb > 0 && r.maxRssMb < 400, `peak RSS ${r.maxRssMb} MB`);
    });
  });
});
