// Finds ansible-playbook and its Python; the compat suites skip with the reason without it, and fail under CI=true.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface AnsibleEnv {
  /** the ansible-playbook script */
  readonly playbook: string;
  /** the Python that runs it (its shebang) */
  readonly python: string;
  readonly version: string;
}

/** The installed ansible-playbook, or the reason it cannot be used. */
export function findAnsible(): AnsibleEnv | { readonly missing: string } {
  let playbook: string;
  try {
    playbook = execFileSync('sh', ['-c', 'command -v ansible-playbook'], { encoding: 'utf8' }).trim();
  } catch {
    return { missing: 'ansible-playbook is not installed (Debian: apt-get install ansible-core python3-lxml)' };
  }
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(playbook, 'utf8'))?.[1];
  const python = shebang && existsSync(shebang) ? shebang : '/usr/bin/python3';
  try {
    const version = execFileSync(python, ['-c', 'import ansible.release as r; print(r.__version__)'], { encoding: 'utf8' }).trim();
    return { playbook, python, version };
  } catch (e) {
    return { missing: `ansible-playbook found at ${playbook} but its Python (${python}) cannot import ansible: ${(e as Error).message}` };
  }
}

/** In a mocha suite: the env, or skip (fail under CI=true) with the reason. */
export function requireAnsible(ctx: Mocha.Context): AnsibleEnv {
  const found = findAnsible();
  if ('missing' in found) {
    if (process.env.CI === 'true') throw new Error(`CI=true but the differential suite cannot run: ${found.missing}`);
    console.log(`      skipped: ${found.missing}`);
    ctx.skip();
    throw new Error('unreachable');
  }
  return found;
}
