// The wso2_cluster_lint module: checks the inventory against the cluster guide in the preflight, before any host is touched.

import type { ModuleDefinition, Plan } from './types.js';
import { lintCluster, throwViolations } from '../lint/run-lint.js';
import type { LintPreflightContext } from '../lint/preflight-context.js';

export interface ClusterLintArgs {
  manager_group: string;
  worker_group: string;
  lb_group: string;
  db_group: string;
  role_defaults: string[];
}

export const clusterLintModule = {
  name: 'wso2_cluster_lint',
  summary: 'Check the cluster inventory against the WSO2 worker/manager guide before any host is touched (controller only; a finding stops the run with exit 5).',
  checkMode: 'full',
  controllerOnly: true,
  schema: {
    args: {
      manager_group: { type: 'str', default: 'esb_manager', description: 'inventory group of the manager node (exactly one host)' },
      worker_group: { type: 'str', default: 'esb_worker', description: "inventory group of the worker nodes (the load balancer's upstream)" },
      lb_group: { type: 'str', default: 'lb', description: 'inventory group of the load balancer(s); their `nginx_workers` must equal the worker group' },
      db_group: { type: 'str', default: 'mysql', description: 'inventory group of the database host(s); their `esb_product`/`esb_version` must equal the nodes\'' },
      role_defaults: {
        type: 'list',
        elements: 'str',
        default: ['esb-manager', 'esb-worker', 'nginx-lb', 'mysql-db'],
        description: 'roles (with their dependencies) whose defaults the checked variables get, below the inventory, as if the lint ran in each role\'s play; an empty list: only the current play\'s',
      },
    },
  },

  async gather(): Promise<undefined> {
    return undefined;
  },

  plan(): Plan {
    // the rules ran in the preflight (a finding there ends the run with exit 5 before this point)
    return { changes: [], changed: false, noopReason: 'the cluster lint passed in the preflight', result: { msg: 'cluster lint passed' } };
  },

  preflight(args, ctx) {
    const groups = { manager: args.manager_group, worker: args.worker_group, lb: args.lb_group, db: args.db_group };
    const view = args.role_defaults.length > 0 && 'withRoleDefaults' in ctx ? (ctx as LintPreflightContext).withRoleDefaults(args.role_defaults) : ctx;
    throwViolations(lintCluster(view, groups), ctx.loc);
  },
} as const satisfies ModuleDefinition<ClusterLintArgs, undefined>;
