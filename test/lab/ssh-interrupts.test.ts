// Interrupts over ssh on the lab: random SIGINT/SIGTERM during runs on real sshd hosts end remote commands, leave no temp file, lose no handler.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { writeProject } from './lab-playbook.js';
import { runPlaybook } from '../../src/executor/run-playbook.js';
import { RunInterrupt } from '../../src/executor/interrupt.js';
import { countTempFiles, FILLER, lostHandlers, partialTargets, PLAYBOOK, type HostDir } from '../fuzz/interrupt-project.js';

const RUNS = Number(process.env.ESBPLAY_SSH_INTERRUPT_RUNS ?? 20);

function processesWith(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('lab: interrupts over ssh', function () {
  this.timeout(30 * 60_000);
  let lab: Lab;
  let inventory: string;
  let dir: string;
  let hosts: HostDir[];

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 3, namePrefix: 'int' });
    const base = await fs.readFile(await lab.inventory(), 'utf8');
    inventory = path.join(lab.dir, 'inventory-int.yml');
    // the config files and the pending-handler records live in each host's own /opt
    await fs.writeFile(inventory, base.replace('  vars:\n', `  vars:\n    root_dir: /opt/app\n    esbplay_state_dir: /opt/esbplay-state\n    filler: ${JSON.stringify(FILLER)}\n`));
    for (const h of lab.hosts) await fs.mkdir(path.join(h.root, 'opt', 'app'), { recursive: true });
    dir = await writeProject(lab, 'int-project', {
      'site.yml': PLAYBOOK,
      'templates/c.j2': 'c={{ gen }} on {{ inventory_hostname }}\n',
      'slow.yml': '- hosts: all\n  tasks:\n    - command: { argv: [sleep, "{{ marker }}"] }\n',
    });
    hosts = lab.hosts.map((h) => ({ name: h.name, dir: path.join(h.root, 'opt', 'app') }));
  });
  after(async () => lab?.stop());

  const run = (gen: number, interrupt?: RunInterrupt) => runPlaybook({ playbook: path.join(dir, 'site.yml'), inventory, cwd: dir, extraVars: { gen }, interrupt });

  it('a remote command is ended by the interrupt (its process group gets TERM on the host)', async () => {
    const marker = `${6000 + Math.floor(Math.random() * 999)}.${process.pid}`;
    const interrupt = new RunInterrupt();
    const done = runPlaybook({ playbook: path.join(dir, 'slow.yml'), inventory, cwd: dir, extraVars: { marker }, interrupt });
    while (processesWith(marker).length < lab.hosts.length) await new Promise((r) => setTimeout(r, 50));
    interrupt.request('SIGTERM');
    const r = await done;
    assert.equal(r.exitCode, 143);
    assert.deepEqual(processesWith(marker), [], 'the remote sleeps were ended');
  });

  it(`${RUNS} runs interrupted at random times, each followed by a clean run: zero temp files, partial targets and lost handlers`, async () => {
    assert.equal((await run(1)).exitCode, 0);
    const t = Date.now();
    assert.equal((await run(2)).exitCode, 0);
    const fullMs = Date.now() - t;
    const counts = { injected: 0, restored: 0, temps: 0, partial: 0, lost: 0 };
    for (let i = 0; i < RUNS; i++) {
      const gen = i + 3;
      const interrupt = new RunInterrupt();
      const signal = i % 2 ? 'SIGTERM' : 'SIGINT';
      const timer = setTimeout(() => interrupt.request(signal), Math.floor(Math.random() * fullMs));
      const r = await run(gen, interrupt);
      clearTimeout(timer);
      if (interrupt.requested) {
        counts.injected++;
        assert.equal(r.exitCode, signal === 'SIGTERM' ? 143 : 130);
      }
      counts.temps += countTempFiles(hosts).length;
      counts.partial += partialTargets(hosts, [gen - 1, gen]).length;
      assert.deepEqual(countTempFiles(hosts), [], `run ${i}`);
      const again = await run(gen);
      assert.equal(again.exitCode, 0, `rerun ${i}`);
      counts.restored += again.events.filter((e) => e.type === 'warning' && /but never ran/.test(e.message)).length;
      const lost = lostHandlers(hosts);
      counts.lost += lost.length;
      assert.deepEqual(lost, [], `run ${i}`);
    }
    console.log(`      (${RUNS} ssh runs: ${counts.injected} interrupted; handlers restored from host records: ${counts.restored}; temp files found: ${counts.temps}; partial targets: ${counts.partial}; lost handlers: ${counts.lost})`);
    assert.equal(counts.partial, 0);
    assert.ok(counts.injected > RUNS / 2);
  });
});
