// Runs one case's phases with ansible-playbook (through a launcher) and with esbplay (its CLI, in-process).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { AnsibleLauncher, Outcome } from './ansible-launcher.js';
import { layOut, normalize, seedHosts, snapshotHosts, type CaseDir } from './case-dir.js';
import { PHASES, type CaseResult, type CompatCase, type Phase, type PhaseResult } from './case-types.js';
import { parseDebug, parseRecap } from './parse-output.js';

type Runner = (cd: CaseDir, args: readonly string[]) => Promise<Outcome>;

/** Lays the case out in a fresh temp dir and runs its phases with one tool; the dir is removed after. */
async function runPhases(c: CompatCase, prefix: string, runner: Runner): Promise<CaseResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const cd = layOut(c, path.join(dir, 'p'));
    const result: CaseResult = {};
    for (const phase of c.phases ?? PHASES) {
      if (phase !== 'rerun') seedHosts(c, cd);
      const args = [...(c.args ?? []).map((a) => a.split('<CASE>').join(cd.dir)), ...(phase === 'check' ? ['--check'] : [])];
      const o = await runner(cd, args);
      result[phase] = resultOf(cd, o);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function resultOf(cd: CaseDir, o: Outcome): PhaseResult {
  const output = normalize(o.output, cd.dir);
  return { exit: o.exit, recap: parseRecap(output), files: snapshotHosts(cd), debug: parseDebug(output), output };
}

/** ansible-playbook (its private configuration is the launcher's, see ansible-launcher.ts). */
export function runAnsibleCase(launcher: AnsibleLauncher, c: CompatCase): Promise<CaseResult> {
  return runPhases(c, 'esbplay-compat-ansible-', (cd, args) => launcher.run(cd.dir, ['-i', cd.inventory, cd.playbook, ...args]));
}

/** esbplay's own CLI (`main`), in this process, with the case dir as its working directory for relative paths. */
export function runEsbplayCase(c: CompatCase): Promise<CaseResult> {
  return runPhases(c, 'esbplay-compat-esbplay-', async (cd, args) => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const io = { out: out as unknown as typeof process.stdout, err: out as unknown as typeof process.stderr };
    const exit = await main(['run', cd.playbook, '-i', cd.inventory, ...args], io);
    await new Promise((r) => setImmediate(r));
    return { exit, output: text };
  });
}

export type { Phase };
