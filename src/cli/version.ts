// `esbplay --version`: the version, then where the configuration, roles and program come from (as ansible-playbook --version).

import path from 'node:path';
import { roleSearchPath } from '../loader/role.js';
import { packageInfo, packageRoot } from '../package-root.js';

export interface VersionFacts {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** the esbplay.cfg in effect */
  readonly configFile?: string;
  /** roles_path / ESBPLAY_ROLES_PATH as resolved */
  readonly rolesPath: readonly string[];
  readonly executable?: string;
}

/** The lines ansible-playbook prints for --version, with esbplay's facts. */
export function versionText(f: VersionFacts): string {
  const { name, version } = packageInfo();
  const roles = roleSearchPath(path.join(f.cwd, 'playbooks'), f.cwd, { ...f.env, ESBPLAY_ROLES_PATH: f.rolesPath.join(':') });
  return [
    `${name} ${version}`,
    `  config file = ${f.configFile ?? 'None'}`,
    `  configured role search path = [${roles.map((r) => `'${r}'`).join(', ')}]`,
    `  esbplay package location = ${packageRoot()}`,
    `  executable location = ${f.executable ?? 'None'}`,
    `  node version = ${process.version} (${process.execPath})`,
    '',
  ].join('\n');
}
