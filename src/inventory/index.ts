// Public surface of the inventory: load it, select hosts with patterns and --limit.

export { loadInventory, type LoadInventoryOptions } from './load.js';
export { INVENTORY_FILE_NAMES, locateInventory } from './locate.js';
export { selectHosts, limitHosts, splitPattern, type SelectOptions } from './patterns.js';
export { readVarsDir, readVarsFile } from './vars-dirs.js';
export { LOCALHOST_NAMES, type Inventory, type VarsFile } from './types.js';
