// Interrupts injected at random points of hundreds of local runs: nothing partial, no temp file left, no handler lost (after one clean rerun).

import assert from 'node:assert/strict';
import path from 'node:path';
import { runPlaybook, type RunResult } from '../../src/executor/run-playbook.js';
import { RunInterrupt } from '../../src/executor/interrupt.js';
import type { Project } from '../engine/helpers.js';
import { countTempFiles, lostHandlers, makeInterruptProject, partialTargets } from './interrupt-project.js';

// CI runs the default (100, as the issue asked); the evidence run: ESBPLAY_INTERRUPT_RUNS=200 npx mocha test/fuzz/interrupts-local.test.ts
const RUNS = Number(process.env.ESBPLAY_INTERRUPT_RUNS ?? 100);

/** A deterministic random sequence (a failure can be replayed with the same seed). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('interrupts injected at random points (local)', function () {
  this.timeout(30 * 60_000);
  let p: Project;
  before(() => (p = makeInterruptProject(['h1', 'h2'])));
  after(() => p.cleanup());

  const run = (gen: number, interrupt?: RunInterrupt): Promise<RunResult> =>
    runPlaybook({ playbook: path.join(p.dir, 'site.yml'), inventory: p.inventory, cwd: p.dir, extraVars: { gen }, interrupt });

  it(`${RUNS} runs interrupted by SIGINT/SIGTERM at random times, each followed by a clean run: zero temp files, zero partial targets, zero lost handlers`, async () => {
    const rnd = random(Number(process.env.ESBPLAY_INTERRUPT_SEED ?? 8));
    const first = await run(1);
    assert.equal(first.exitCode, 0);
    const started = Date.now();
    await run(2);
    const fullMs = Date.now() - started;
    const counts = { injected: 0, finishedFirst: 0, restoredHandlers: 0, tempFiles: 0, partial: 0, lost: 0 };
    for (let i = 0; i < RUNS; i++) {
      const gen = i + 3;
      const interrupt = new RunInterrupt();
      const signal = rnd() < 0.5 ? 'SIGINT' : 'SIGTERM';
      const timer = setTimeout(() => interrupt.request(signal), Math.floor(rnd() * fullMs * 1.1));
      const r = await run(gen, interrupt);
      clearTimeout(timer);
      const types = r.events.map((e) => e.type);
      if (interrupt.requested) {
        counts.injected++;
        assert.equal(r.exitCode, signal === 'SIGTERM' ? 143 : 130, `run ${i}`);
        assert.ok(types.includes('interrupted') && types.includes('recap') && types.at(-1) === 'playbook_end', `run ${i}: ${types.join(',')}`);
      } else {
        counts.finishedFirst++;
        assert.equal(r.exitCode, 0, `run ${i}`);
      }
      const temps = countTempFiles(p);
      const partial = partialTargets(p, [gen - 1, gen]);
      counts.tempFiles += temps.length;
      counts.partial += partial.length;
      assert.deepEqual(temps, [], `run ${i}: temp files left by an interrupted run`);
      assert.deepEqual(partial, [], `run ${i}: partial targets`);
      const again = await run(gen);
      assert.equal(again.exitCode, 0, `rerun ${i}`);
      counts.restoredHandlers += again.events.filter((e) => e.type === 'warning' && /in an earlier run .* but never ran/.test(e.message)).length;
      const lost = lostHandlers(p);
      counts.lost += lost.length;
      assert.deepEqual(lost, [], `run ${i}: handlers lost: ${lost.join(', ')}`);
      assert.deepEqual(countTempFiles(p), []);
    }
    console.log(`      (${RUNS} runs: ${counts.injected} interrupted, ${counts.finishedFirst} finished first; ` +
      `handlers restored from host records: ${counts.restoredHandlers}; temp files found: ${counts.tempFiles}; partial targets: ${counts.partial}; lost handlers: ${counts.lost})`);
    assert.ok(counts.injected > RUNS / 2, 'most runs were really interrupted');
    assert.ok(counts.restoredHandlers > 0, 'some interrupts left handlers that the next run ran from the host record');
  });
});
