// Reuses ansible-playbook's results of an unchanged case between local runs (never under CI=true).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnsibleEnv } from './ansible-env.js';
import type { AnsibleLauncher } from './ansible-launcher.js';
import type { CaseResult, CompatCase } from './case-types.js';
import { runAnsibleCase } from './run-tools.js';
import { DEFAULT_HOSTS } from './case-dir.js';

/** Bump when the way cases are run or snapshotted changes. */
const RUNNER_VERSION = 2;
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.cache', 'esbplay-compat');

/**
 * ansible-playbook's result for a case: from the cache when the same case (every file, host,
 * argument), the same Ansible version and runner ran before; otherwise run and stored.
 * COMPAT_CACHE=0 or CI=true always run ansible-playbook.
 */
export async function cachedAnsibleRun(env: AnsibleEnv, launcher: AnsibleLauncher, c: CompatCase): Promise<CaseResult> {
  const use = process.env.CI !== 'true' && process.env.COMPAT_CACHE !== '0';
  const key = createHash('sha256').update(JSON.stringify({ c, hosts: c.hosts ?? DEFAULT_HOSTS, v: env.version, r: RUNNER_VERSION })).digest('hex').slice(0, 32);
  const file = path.join(DIR, `${key}.json`);
  if (use && existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as CaseResult;
    } catch {
      // unreadable (another engineer's suite wrote a different format): run again
    }
  }
  const result = await runAnsibleCase(launcher, c);
  if (use) {
    // atomically: several suites may share the checkout's cache at once
    mkdirSync(DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, file);
  }
  return result;
}
