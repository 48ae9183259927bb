// --limit that selects no host of the inventory is an error before anything runs, as in Ansible.

import { UserError } from '../errors.js';
import { limitHosts } from '../inventory/patterns.js';
import type { Inventory } from '../inventory/types.js';
import type { RunOptions } from './options.js';
import { checkHostPattern } from './pattern-check.js';

export function checkLimit(options: RunOptions, inventory: Inventory): void {
  if (options.limit === undefined) return;
  checkHostPattern(options.limit, '--limit');
  const hosts = limitHosts(inventory, options.limit, { cwd: options.cwd });
  if (hosts.length > 0) return;
  throw new UserError(`--limit '${options.limit}' matches no host of the inventory ${inventory.file}; ` +
    'nothing would run (check the host or group names, or drop --limit)');
}
