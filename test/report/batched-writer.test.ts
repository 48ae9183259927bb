// BatchedWriter: one write per event-loop turn, in order; flush() and process exit write what is pending.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BatchedWriter } from '../../src/report/batched-writer.js';

function sink(): { out: Writable; writes: string[] } {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      writes.push(chunk.toString());
      cb();
    },
  });
  return { out, writes };
}

describe('BatchedWriter', () => {
  it('lines written in one turn reach the stream as one write, in order', async () => {
    const { out, writes } = sink();
    const w = new BatchedWriter(out);
    for (let i = 0; i < 100; i++) w.write(`line ${i}\n`);
    assert.equal(writes.length, 0);
    await new Promise((r) => setImmediate(r));
    assert.equal(writes.length, 1);
    assert.equal(writes[0], Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(''));
    w.write('next turn\n');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(writes.slice(1), ['next turn\n']);
  });

  it('flush() writes at once and leaves no exit listener behind', () => {
    const { out, writes } = sink();
    const before = process.listenerCount('exit');
    const w = new BatchedWriter(out);
    w.write('a');
    w.write('b');
    assert.equal(process.listenerCount('exit'), before + 1);
    w.flush();
    assert.deepEqual(writes, ['ab']);
    assert.equal(process.listenerCount('exit'), before);
    w.flush();
    assert.deepEqual(writes, ['ab']);
  });

  it('a process that exits right after writing (process.exit) loses nothing', () => {
    const mod = fileURLToPath(new URL('../../src/report/batched-writer.ts', import.meta.url));
    const script = `import { BatchedWriter } from ${JSON.stringify(mod)}; const w = new BatchedWriter(process.stdout); for (let i = 0; i < 500; i++) w.write('x' + i + '\\n'); process.exit(3);`;
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string; status: number }).stdout;
      assert.equal((e as { status: number }).status, 3);
    }
    assert.equal(out, Array.from({ length: 500 }, (_, i) => `x${i}\n`).join(''));
  });
});
