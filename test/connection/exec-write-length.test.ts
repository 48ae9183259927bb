// The exec write script renames its temp file over the target only when it received every byte it was told to expect.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWriteArgv } from '../../src/connection/exec-files.js';

interface Ran { code: number | null; stderr: string }

/** Runs the write script as a real local process, feeding `sent` on stdin and then closing it (as a dropped connection does). */
function runWrite(file: string, announced: number, sent: Buffer): Promise<Ran> {
  const [cmd, ...args] = buildWriteArgv(file, announced);
  const child = spawn(cmd!, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  // half now, half a moment later: the script is already inside `cat` when stdin ends
  child.stdin.write(sent.subarray(0, Math.floor(sent.length / 2)));
  setTimeout(() => child.stdin.end(sent.subarray(Math.floor(sent.length / 2))), 50);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('connection: exec write script checks the byte count before mv', () => {
  let dir: string;
  let target: string;
  const OLD = Buffer.from('<axis2config>old</axis2config>\n');
  const NEW = Buffer.from(`<axis2config>${'n'.repeat(70_000)}</axis2config>\n`);

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-write-len-'));
    target = path.join(dir, 'axis2.xml');
    await fs.writeFile(target, OLD, { mode: 0o640 });
  });
  afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

  it('a truncated stdin leaves the target with its old bytes and removes the temp file', async () => {
    const partial = NEW.subarray(0, 40_000);
    const r = await runWrite(target, NEW.length, partial);
    assert.equal(r.code, 75);
    assert.match(r.stderr, new RegExp(`short write: got 40000 of ${NEW.length} bytes; .*axis2\\.xml left unchanged`));
    assert.deepEqual(await fs.readFile(target), OLD);
    assert.deepEqual(await fs.readdir(dir), ['axis2.xml'], 'no temp file left behind');
  });

  it('an empty stdin for a non-empty write does not truncate the target', async () => {
    const r = await runWrite(target, NEW.length, Buffer.alloc(0));
    assert.equal(r.code, 75);
    assert.deepEqual(await fs.readFile(target), OLD);
    assert.deepEqual(await fs.readdir(dir), ['axis2.xml']);
  });

  it('the full byte count replaces the target and keeps its mode; an intended empty file is written too', async () => {
    const r = await runWrite(target, NEW.length, NEW);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await fs.readFile(target), NEW);
    assert.equal((await fs.stat(target)).mode & 0o777, 0o640);
    const empty = await runWrite(target, 0, Buffer.alloc(0));
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal((await fs.readFile(target)).length, 0);
    assert.deepEqual(await fs.readdir(dir), ['axis2.xml']);
  });
});
