// Runs Ansible's own templar (python3 + ansible-core) on cases, for differential tests; reports why when it cannot.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OracleCase {
  readonly kind: 'string' | 'file';
  readonly text: string;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly searchpath?: readonly string[];
}

export type OracleResult = { ok: true; type: 'str' | 'json'; value: unknown } | { ok: false; error: string };

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Debian's python3 (with python3-jinja2 and ansible-core), not a pyenv shim without them. */
export function findPython(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/** Why Ansible's templar cannot run here (undefined when it can). */
export function oracleUnavailable(): string | undefined {
  const r = spawnSync(findPython(), ['-c', 'import ansible.template, jinja2'], { encoding: 'utf8' });
  if (r.error) return `python3 not found (${r.error.message})`;
  if (r.status !== 0) return `ansible-core is not importable from ${findPython()} (install Debian's ansible-core)`;
  return undefined;
}

/** Renders every case with Ansible's templar in one python3 process. */
export function renderWithAnsible(cases: readonly OracleCase[], env: NodeJS.ProcessEnv = process.env): OracleResult[] {
  const r = spawnSync(findPython(), [path.join(HERE, 'ansible-templar.py')], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    env: { ...env, ANSIBLE_LOCAL_TEMP: env.ANSIBLE_LOCAL_TEMP ?? '/tmp', ANSIBLE_NOCOLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`ansible-templar.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as OracleResult[];
}
