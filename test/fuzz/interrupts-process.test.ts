// Real signals to the esbplay process: SIGINT/SIGTERM give the recap (and JSON with "interrupted": true) and exit 130/143,
// a running command is ended, a second signal stops at once; SIGKILLed runs leave temp files that the next run removes.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { spawnCli } from '../connection/cli-child.js';
import { makeProject, play, type Project } from '../engine/helpers.js';
import { countTempFiles, lostHandlers, makeInterruptProject, partialTargets } from './interrupt-project.js';

// CI runs the default; the evidence run: ESBPLAY_KILL_RUNS=20 npx mocha test/fuzz/interrupts-process.test.ts
const KILLS = Number(process.env.ESBPLAY_KILL_RUNS ?? 10);

/** Resolves once the child's stdout matches. */
async function waitFor(out: () => string, re: RegExp, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!re.test(out())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${re} in:\n${out()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Processes whose command line contains `marker` (a unique sleep argument). */
function processesWith(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('interrupts: real signals to the esbplay process', function () {
  this.timeout(10 * 60_000);

  describe('a running command', () => {
    let p: Project;
    beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2'] })));
    afterEach(() => p.cleanup());

    const start = (marker: string, ...extra: string[]) => {
      p.write('site.yml', play(`- name: first\n  lineinfile: { path: "{{ root_dir }}/a.conf", line: "a=1", create: true }\n- name: long\n  command: { argv: [sleep, "${marker}"] }\n- name: never starts\n  lineinfile: { path: "{{ root_dir }}/b.conf", line: "b=1", create: true }\n`));
      return spawnCli(['run', path.join(p.dir, 'site.yml'), '-i', p.inventory, ...extra]);
    };

    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      it(`${signal}: the command is ended, no new task starts, the recap is printed, exit ${code}`, async () => {
        const marker = `${3000 + Math.floor(Math.random() * 999)}.${process.pid}`;
        const run = start(marker);
        await waitFor(run.out, /TASK \[long\]/);
        while (processesWith(marker).length < 2) await new Promise((r) => setTimeout(r, 20));
        process.kill(run.child.pid!, signal);
        const r = await run.done;
        assert.equal(r.code, code, r.out + r.err);
        assert.match(r.err, new RegExp(`${signal} received: no new task starts`));
        assert.match(r.out, new RegExp(`INTERRUPTED by ${signal}`));
        assert.match(r.out, /PLAY RECAP[\s\S]*h1\s+: ok=\d/);
        assert.doesNotMatch(r.out, /TASK \[never starts\]/);
        assert.deepEqual(processesWith(marker), [], 'the sleep was ended');
      });
    }

    it('--output json: one JSON document with "interrupted": true', async () => {
      const marker = `${4000 + Math.floor(Math.random() * 999)}.${process.pid}`;
      const run = start(marker, '--output', 'json');
      while (processesWith(marker).length < 2) await new Promise((r) => setTimeout(r, 20));
      process.kill(run.child.pid!, 'SIGINT');
      const r = await run.done;
      assert.equal(r.code, 130);
      const doc = JSON.parse(r.out) as { interrupted?: boolean; signal?: string; exit_code?: number; stats: Record<string, unknown> };
      assert.equal(doc.interrupted, true);
      assert.equal(doc.signal, 'SIGINT');
      assert.equal(doc.exit_code, 130);
      assert.ok(doc.stats.h1);
    });

    it('a second signal stops at once, the command killed too', async () => {
      const marker = `${5000 + Math.floor(Math.random() * 999)}.${process.pid}`;
      // a command that ignores TERM: the first signal alone would wait for the KILL after the grace period
      p.write('site.yml', play(`- name: stubborn\n  command: { argv: [sh, -c, "trap '' TERM; sleep ${marker}; true"] }\n`));
      const run = spawnCli(['run', path.join(p.dir, 'site.yml'), '-i', p.inventory]);
      while (processesWith(marker).length < 2) await new Promise((r) => setTimeout(r, 20));
      process.kill(run.child.pid!, 'SIGINT');
      await new Promise((r) => setTimeout(r, 300));
      const t = Date.now();
      process.kill(run.child.pid!, 'SIGINT');
      const r = await run.done;
      assert.equal(r.code, 130);
      assert.match(r.err, /SIGINT again: stopping at once/);
      assert.ok(Date.now() - t < 2000, 'it did not wait for the grace period');
      await new Promise((res) => setTimeout(res, 100));
      assert.deepEqual(processesWith(marker), [], 'the command was killed');
    });
  });

  it(`${KILLS} runs SIGKILLed at random times: the next run removes their temp files and runs the handlers they left`, async () => {
    const p = makeInterruptProject(['h1', 'h2']);
    try {
      const counts = { tempFilesLeft: 0, tempFilesAfterNextRun: 0, partial: 0, lost: 0 };
      for (let i = 0; i < KILLS; i++) {
        const gen = i + 1;
        const run = spawnCli(['run', path.join(p.dir, 'site.yml'), '-i', p.inventory, '-e', `gen=${gen}`]);
        await waitFor(run.out, /TASK \[/);
        await new Promise((r) => setTimeout(r, Math.random() * 600));
        run.child.kill('SIGKILL');
        await run.done;
        counts.tempFilesLeft += countTempFiles(p).length;
        counts.partial += partialTargets(p, [gen - 1, gen]).length;
        const next = spawnCli(['run', path.join(p.dir, 'site.yml'), '-i', p.inventory, '-e', `gen=${gen}`]);
        const r = await next.done;
        assert.equal(r.code, 0, r.out + r.err);
        counts.tempFilesAfterNextRun += countTempFiles(p).length;
        counts.lost += lostHandlers(p).length;
      }
      console.log(`      (${KILLS} SIGKILLed runs: ${counts.tempFilesLeft} temp files left by them, ${counts.tempFilesAfterNextRun} after the next run; partial targets ${counts.partial}; lost handlers ${counts.lost})`);
      assert.equal(counts.tempFilesAfterNextRun, 0);
      assert.equal(counts.partial, 0);
      assert.equal(counts.lost, 0);
    } finally {
      p.cleanup();
    }
  });
});
