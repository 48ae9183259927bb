// Opens a host's connection for a run: connection settings from its variables, host trust from the operator only, trust notices as warnings.

import { openConnection } from '../connection/open.js';
import { SharedContents } from '../connection/shared-contents.js';
import { checkTrustVars, specFromHostVars } from '../connection/spec.js';
import { describeRecordedKey, describeTrust } from '../connection/trust.js';
import type { Connection } from '../connection/types.js';
import type { Inventory } from '../inventory/types.js';
import type { RunEvent } from '../report/events.js';
import type { ConnectionOpener } from './connections.js';
import type { RunOptions } from './options.js';
import { announceConnection, CONNECTION_DETAIL_LEVEL, traceConnection } from './traced-connection.js';
import { wrapForCheck } from '../check/check-hooks.js';

/** The inventory's own variables of a host (the operator's), or none for a host the inventory does not define. */
export function operatorVarsOf(inventory: Inventory, host: string): Record<string, unknown> {
  return inventory.hasHost(host) ? inventory.hostVars(host) : {};
}

/**
 * The opener the run's connection pool uses. Every relaxation of host key checking and every
 * trust variable a playbook tried to set is reported as a warning naming the host.
 */
export function makeHostOpener(options: RunOptions, inventory: Inventory, emit: (e: RunEvent) => void): ConnectionOpener {
  const cli = { knownHostsFile: options.knownHostsFile, acceptNewHostKeys: options.acceptNewHostKeys, hostKeyChecking: options.hostKeyChecking };
  const contents = new SharedContents(); // one per run: its hosts' identical files are held once
  return async (host, vars): Promise<Connection> => {
    const operator = operatorVarsOf(inventory, host);
    const spec = specFromHostVars(host, vars, cli, operator);
    for (const message of describeTrust(spec, vars, operator)) emit({ type: 'warning', message });
    // -vvv: the connection and each command, write and read it does are reported (traced-connection.ts)
    const traced = (options.verbosity ?? 0) >= CONNECTION_DETAIL_LEVEL;
    if (traced) announceConnection(spec, emit);
    const opened = await openConnection(spec, {
      contents,
      onNewHostKey: (label, fingerprint, file) => emit({ type: 'warning', message: describeRecordedKey(label, fingerprint, file) }),
    });
    const conn = traced ? traceConnection(opened, emit) : opened;
    // check mode: reads see what earlier tasks of the run would have written (src/check/)
    return wrapForCheck(conn, options.check === true && options.dryRun !== true);
  };
}

/** The inventory's host trust settings are checked before any host is touched (exit 5, not an unreachable host). */
export function checkInventoryTrust(inventory: Inventory): void {
  for (const host of inventory.hosts) checkTrustVars(host, inventory.hostVars(host));
}
