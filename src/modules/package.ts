// The `package` module: the generic package manager front end; on Debian hosts (the only kind esbplay supports) it is apt.

import type { ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { APT_PACKAGE_ARGS, gatherApt, type AptArgs, type AptFacts } from './apt.js';
import { planApt } from './apt-plan.js';
import { requireConn } from './file-common.js';

export interface PackageArgs {
  name: string[];
  state: 'present' | 'absent' | 'latest';
  use: 'auto' | 'apt';
}

type PackageFacts = AptFacts | { readonly unsupported: string };

export const packageModule = {
  name: 'package',
  summary: 'Install, upgrade or remove packages with the host\'s package manager (apt on Debian and Ubuntu).',
  checkMode: 'full',
  schema: {
    args: {
      ...APT_PACKAGE_ARGS,
      name: { ...APT_PACKAGE_ARGS.name, required: true },
      use: {
        type: 'str',
        default: 'auto',
        choices: ['auto', 'apt'],
        description: 'The package manager: `auto` picks apt when the host has apt-get and fails otherwise.',
      },
    },
  },

  async gather(ctx: ReadContext, args: PackageArgs): Promise<PackageFacts> {
    if (args.use === 'auto') {
      const r = await requireConn(ctx, 'package').exec(['sh', '-c', 'command -v apt-get && command -v dpkg-query'], { become: ctx.become });
      if (r.exitCode !== 0) return { unsupported: `package: no supported package manager on ${ctx.host} (esbplay's package module drives apt; this host has no apt-get/dpkg-query)` };
    }
    return gatherApt(ctx, toAptArgs(args));
  },

  plan(args, facts): Plan {
    if ('unsupported' in facts) return failPlan(facts.unsupported);
    if (facts.problem) return failPlan(facts.problem);
    return planApt(toAptArgs(args), facts);
  },
} as const satisfies ModuleDefinition<PackageArgs, PackageFacts>;

/** package's arguments as apt's, with apt's defaults for the rest. */
function toAptArgs(args: PackageArgs): AptArgs {
  return { name: args.name, state: args.state, cache_valid_time: 0, install_recommends: false, purge: false, allow_downgrade: false, lock_timeout: 60 };
}
