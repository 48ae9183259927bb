// `-i 'web1,web2:2222,'`: an inventory written on the command line as a comma-separated host list (Ansible's host_list plugin).

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { InventoryDraft } from './draft.js';
import { splitHostPort } from './host-range.js';

/** A source is a host list when it holds a comma and names no existing path (as Ansible's host_list decides). */
export function isHostList(source: string, cwd: string): boolean {
  return source.includes(',') && !existsSync(resolve(cwd, source));
}

/** Each non-empty comma-separated word is a host (optionally host:port) in `ungrouped`. */
export function parseHostList(source: string): InventoryDraft {
  // the source is its own file name, as Ansible's inventory_file is for a host list
  const draft = new InventoryDraft(source, [source]);
  for (const word of source.split(',')) {
    const token = word.trim();
    if (token === '') continue;
    const { host, port } = splitHostPort(token, (message) => {
      throw new UserError(`inventory -i '${source}': ${message}`);
    });
    draft.addHost('ungrouped', host, undefined, port === undefined ? {} : { ansible_port: port });
  }
  return draft;
}
