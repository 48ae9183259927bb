// Host trust notices: what a run relaxes about host key checking (per host), and trust settings a playbook tried to change.

import { TRUST_VARS } from './spec.js';
import type { ConnectionSpec } from './types.js';

type Vars = Readonly<Record<string, unknown>>;

/** Where a trust variable may come from, for the messages. */
const OPERATOR_SOURCES = 'the inventory (host or group variables) or the command line';

/**
 * Warnings for one host about to be connected: host key checking off, trust on first use on,
 * and trust variables set by a playbook source (play/role vars, set_fact, -e...) that were ignored.
 */
export function describeTrust(spec: ConnectionSpec, vars: Vars, operatorVars: Vars): string[] {
  const notes: string[] = [];
  if (spec.transport !== 'ssh') return notes;
  if (spec.hostKeyChecking === false) {
    notes.push(`host ${spec.host}: host key checking is OFF (ansible_host_key_checking: false in the inventory, or host_key_checking = False in esbplay.cfg or ESBPLAY_HOST_KEY_CHECKING): ` +
      `the identity of ${spec.address ?? spec.host} is not verified, an intercepted connection would not be noticed`);
  }
  if (spec.acceptNewHostKeys) {
    notes.push(`host ${spec.host}: an unknown host key is trusted on first use and recorded (--accept-new-host-keys)`);
  }
  for (const name of ignoredTrustVars(vars, operatorVars)) {
    notes.push(`host ${spec.host}: ${name} set by the playbook (play or role vars, vars_files, set_fact or -e) is ignored: ` +
      `host key trust is decided only by ${OPERATOR_SOURCES}`);
  }
  return notes;
}

/** Trust variables whose value in the task's variables differs from the operator's (so a playbook source set them). */
export function ignoredTrustVars(vars: Vars, operatorVars: Vars): string[] {
  const names = [...TRUST_VARS.hostKeyChecking, ...TRUST_VARS.knownHostsFile, 'esbplay_accept_new_host_keys'];
  return names.filter((n) => {
    let v: unknown;
    try {
      v = vars[n];
    } catch {
      return false; // a lazy variable that fails to render is not used for trust anyway
    }
    return v !== undefined && v !== null && !sameValue(v, operatorVars[n]);
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

/** The message when a new host key was recorded under trust on first use. */
export function describeRecordedKey(host: string, fingerprint: string, file: string): string {
  return `host ${host}: its host key ${fingerprint} was not known; trusted on first use and recorded in ${file} (--accept-new-host-keys)`;
}
