// Connection and privilege settings given on the command line (-u, --private-key, -c, -T, -b, --become-user, -K): the lowest precedence.

import type { Secret } from '../vars/secret.js';

/**
 * As in Ansible, these are not variables: every inventory, play or task setting of the same thing
 * wins over them (ansible_user over -u, become: false over -b, ...). They reach the run as the
 * lowest variable layer under Ansible's variable names.
 */
export interface CommandLineValues {
  /** -u: ansible_user */
  readonly remoteUser?: string;
  /** --private-key: ansible_ssh_private_key_file */
  readonly privateKeyFile?: string;
  /** -c: ansible_connection */
  readonly connection?: string;
  /** -T: ansible_timeout (seconds) */
  readonly timeout?: number;
  /** -b: ansible_become */
  readonly become?: boolean;
  /** --become-user: ansible_become_user */
  readonly becomeUser?: string;
  /** -K: ansible_become_password */
  readonly becomePassword?: string | Secret;
}

const NAMES: Readonly<Record<keyof CommandLineValues, string>> = {
  remoteUser: 'ansible_user',
  privateKeyFile: 'ansible_ssh_private_key_file',
  connection: 'ansible_connection',
  timeout: 'ansible_timeout',
  become: 'ansible_become',
  becomeUser: 'ansible_become_user',
  becomePassword: 'ansible_become_password',
};

/** The variable layer these values make (only the ones given). */
export function commandLineVars(v: CommandLineValues | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!v) return out;
  for (const [key, name] of Object.entries(NAMES) as [keyof CommandLineValues, string][]) if (v[key] !== undefined) out[name] = v[key];
  return out;
}
