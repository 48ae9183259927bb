// Loads a run outside runPlaybook (listings, --start-at-task's check) inside a masker of its own, so its output and errors are masked as a run's are.

import { loadRun } from '../executor/run-playbook.js';
import type { RunOptions } from '../executor/options.js';
import type { Playbook } from '../loader/model.js';
import type { Inventory } from '../inventory/types.js';
import { maskError } from '../report/mask-error.js';
import { registerNamedSecrets } from '../report/named-secrets.js';
import { Masker, withMasker } from '../vars/secret.js';

/**
 * Runs fn on the loaded playbook and inventory with the secrets a run would register: extra
 * vars, -K, inventory variables, vault and !secret values met while loading, values under
 * secret-looking names. fn masks its output with the masker it gets; an error leaving is masked.
 */
export function withLoadedRun<T>(options: RunOptions, fn: (loaded: { playbook: Playbook; inventory: Inventory }, masker: Masker) => T): T {
  const masker = new Masker();
  masker.collect(options.extraVars);
  masker.collect(options.commandLine);
  try {
    return withMasker(
      masker,
      () => {
        const loaded = loadRun(options);
        for (const h of loaded.inventory.hosts) masker.collect(loaded.inventory.hostVars(h));
        if (options.maskSecretNames !== false) registerNamedSecrets(masker, loaded.playbook, loaded.inventory, options.extraVars);
        return fn(loaded, masker);
      },
      { secretNames: options.maskSecretNames !== false },
    );
  } catch (e) {
    throw maskError(e, masker);
  }
}
