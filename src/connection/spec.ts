// Maps one host's variables (Ansible names) and the CLI's host-key flags to a ConnectionSpec; trust settings come only from the operator.

import { UserError } from '../errors.js';
import { isSecret, type Secret } from '../vars/secret.js';
import type { ConnectionSpec } from './types.js';

export interface ConnectionCliOptions {
  /** --known-hosts FILE: overrides known_hosts_file for every host */
  readonly knownHostsFile?: string;
  /** --accept-new-host-keys: trust on first use */
  readonly acceptNewHostKeys?: boolean;
  /** host_key_checking in esbplay.cfg or ESBPLAY_HOST_KEY_CHECKING: used when the inventory sets none for the host */
  readonly hostKeyChecking?: boolean;
}

type Vars = Readonly<Record<string, unknown>>;

function pick(vars: Vars, names: readonly string[]): [string, unknown] | undefined {
  for (const n of names) if (vars[n] !== undefined && vars[n] !== null) return [n, vars[n]];
  return undefined;
}

function str(host: string, vars: Vars, names: readonly string[]): string | undefined {
  const hit = pick(vars, names);
  if (!hit) return undefined;
  const [name, v] = hit;
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  throw new UserError(`host ${host}: ${name} must be a non-empty string, got ${JSON.stringify(v)}`);
}

function int(host: string, vars: Vars, names: readonly string[], min: number, max: number, what: string): number | undefined {
  const hit = pick(vars, names);
  if (!hit) return undefined;
  const [name, v] = hit;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UserError(`host ${host}: ${name} must be ${what} (${min}-${max}), got ${JSON.stringify(v)}`);
  }
  return n;
}

function bool(host: string, vars: Vars, names: readonly string[]): boolean | undefined {
  const hit = pick(vars, names);
  if (!hit) return undefined;
  const [name, v] = hit;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['yes', 'true', 'on', '1'].includes(s)) return true;
  if (['no', 'false', 'off', '0'].includes(s)) return false;
  throw new UserError(`host ${host}: ${name} must be true or false, got ${JSON.stringify(v)}`);
}

function secretOrString(host: string, vars: Vars, names: readonly string[]): string | Secret | undefined {
  const hit = pick(vars, names);
  if (!hit) return undefined;
  if (isSecret(hit[1])) return hit[1];
  if (typeof hit[1] === 'string' || typeof hit[1] === 'number') return String(hit[1]);
  throw new UserError(`host ${host}: ${hit[0]} must be a string`);
}

const UNSUPPORTED = ['ansible_ssh_common_args', 'ansible_ssh_extra_args', 'ansible_ssh_args'] as const;

/** Variables that decide whether a host's identity is verified: read from the inventory only, never from a playbook. */
export const TRUST_VARS = {
  hostKeyChecking: ['ansible_host_key_checking', 'host_key_checking'],
  knownHostsFile: ['known_hosts_file', 'esbplay_known_hosts_file'],
} as const;

/** Trust on first use is a command-line decision (--accept-new-host-keys); this old variable is refused. */
const TOFU_VAR = 'esbplay_accept_new_host_keys';

/** The inventory's trust settings of a host are valid (checked before any host is touched). */
export function checkTrustVars(host: string, operatorVars: Vars): void {
  if (operatorVars[TOFU_VAR] !== undefined && operatorVars[TOFU_VAR] !== null) {
    throw new UserError(`host ${host}: ${TOFU_VAR} is not read: trusting unknown host keys is decided on the command line only (--accept-new-host-keys)`);
  }
  const hit = pick(operatorVars, TRUST_VARS.hostKeyChecking);
  if (hit && !(typeof hit[1] === 'string' && hit[1].includes('{{'))) bool(host, operatorVars, TRUST_VARS.hostKeyChecking);
}

/**
 * The connection settings of one host. Variables (first name wins):
 * ansible_connection (ssh|local), ansible_host, ansible_port, ansible_user, ansible_password,
 * ansible_ssh_private_key_file, esbplay_jump_host, ansible_timeout (s), esbplay_command_timeout (s),
 * esbplay_local_root from `vars` (every source); known_hosts_file and ansible_host_key_checking
 * only from `operatorVars` (the inventory's host and group variables), so no playbook, role,
 * set_fact or -e can switch host key checking off or point it at another known_hosts file.
 */
export function specFromHostVars(host: string, vars: Vars, cli: ConnectionCliOptions = {}, operatorVars: Vars = vars): ConnectionSpec {
  for (const name of UNSUPPORTED) {
    if (vars[name] !== undefined && vars[name] !== '') {
      throw new UserError(`host ${host}: ${name} is not supported (esbplay does not run the ssh command); ` +
        'use esbplay_jump_host for ProxyJump, known_hosts_file for UserKnownHostsFile, ansible_host_key_checking for StrictHostKeyChecking');
    }
  }
  checkTrustVars(host, operatorVars);
  const connection = str(host, vars, ['ansible_connection']) ?? 'ssh';
  if (connection !== 'ssh' && connection !== 'local' && connection !== 'paramiko') {
    throw new UserError(`host ${host}: ansible_connection "${connection}" is not supported (use ssh or local)`);
  }
  const timeoutS = int(host, vars, ['ansible_timeout', 'ansible_ssh_timeout'], 1, 3600, 'a number of seconds');
  const commandS = int(host, vars, ['esbplay_command_timeout'], 1, 86_400, 'a number of seconds');
  const spec: ConnectionSpec = {
    host,
    transport: connection === 'local' ? 'local' : 'ssh',
    address: str(host, vars, ['ansible_host', 'ansible_ssh_host']) ?? host,
    port: int(host, vars, ['ansible_port', 'ansible_ssh_port'], 1, 65535, 'a port number') ?? 22,
    user: str(host, vars, ['ansible_user', 'ansible_ssh_user']),
    password: secretOrString(host, vars, ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password']),
    privateKeyFile: str(host, vars, ['ansible_ssh_private_key_file', 'ansible_private_key_file']),
    knownHostsFile: cli.knownHostsFile ?? str(host, operatorVars, TRUST_VARS.knownHostsFile),
    hostKeyChecking: bool(host, operatorVars, TRUST_VARS.hostKeyChecking) ?? cli.hostKeyChecking ?? true,
    acceptNewHostKeys: cli.acceptNewHostKeys ?? false,
    jumpHost: str(host, vars, ['esbplay_jump_host']),
    connectTimeoutMs: timeoutS !== undefined ? timeoutS * 1000 : undefined,
    commandTimeoutMs: commandS !== undefined ? commandS * 1000 : undefined,
    root: str(host, vars, ['esbplay_local_root']),
  };
  return spec;
}
