// `esbplay graph -i INVENTORY [PLAYBOOK]`: the cluster the inventory describes, as Mermaid text or an SVG picture.

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { buildClusterModel } from '../graph/cluster-model.js';
import { loadCluster } from '../graph/host-views.js';
import { toMermaid } from '../graph/mermaid.js';
import { toSvg } from '../graph/svg.js';
import { packagePath } from '../package-root.js';
import { withVaultKeyring } from '../vault/scope.js';
import type { CliContext } from './cli-context.js';
import { resolveSettings } from './resolve-settings.js';
import { withConfiguredVaultFile } from './run-command.js';
import { addVaultOptions, keyringFromFlags, type VaultFlags } from './vault-options.js';

interface GraphFlags extends VaultFlags {
  inventory?: string;
  format?: string;
  out?: string;
}

export function addGraphCommand(program: Command, ctx: CliContext, done: (code: number) => void): void {
  const cmd = program
    .command('graph')
    .description(
      'draw the cluster an inventory describes (load balancer, manager, workers, database, well-known members, ports) as Mermaid or SVG',
    )
    .argument('[playbook]', 'the playbook whose roles give the defaults (default: playbooks/site.yml here, else the packaged one)')
    .option(
      '-i, --inventory <INVENTORY>',
      'inventory: a name under inventories/, a directory, a file, or a host list (web1,web2:2222,) (default: esbplay.cfg, ESBPLAY_INVENTORY)',
    )
    .option('--format <FORMAT>', 'mermaid or svg (default: from the --out file name, else mermaid)')
    .option('-o, --out <FILE>', 'write to this file instead of standard output (.svg: SVG, else Mermaid)');
  addVaultOptions(cmd).action(async (playbook: string | undefined, f: GraphFlags) => {
    done(await graphCommand(playbook, f, ctx));
  });
}

async function graphCommand(playbook: string | undefined, f: GraphFlags, ctx: CliContext): Promise<number> {
  const resolved = resolveSettings(f.inventory ? { inventory: f.inventory } : {}, ctx.env, ctx.cwd);
  const inventory = resolved.settings.inventory;
  if (!inventory)
    throw new UserError('esbplay graph: no inventory: give -i INVENTORY, set ESBPLAY_INVENTORY, or inventory = ... in esbplay.cfg');
  const format = f.format ?? (f.out?.endsWith('.svg') ? 'svg' : 'mermaid');
  if (format !== 'svg' && format !== 'mermaid') throw new UserError(`esbplay graph --format: '${format}' is not a format (mermaid, svg)`);
  const local = path.join(ctx.cwd, 'playbooks', 'site.yml');
  const pb = playbook ?? (existsSync(local) ? local : packagePath('playbooks', 'site.yml'));
  const vault = await keyringFromFlags(withConfiguredVaultFile(f, resolved.settings, ctx.env), { cwd: ctx.cwd, env: ctx.env });
  const env = { ...ctx.env, ESBPLAY_ROLES_PATH: resolved.settings.rolesPath.join(':') };
  const model = withVaultKeyring(vault, () => buildClusterModel(loadCluster(inventory, pb, ctx.cwd, env)));
  if (model.nodes.length === 0)
    throw new UserError(`esbplay graph: the inventory has none of the groups lb, esb_manager, esb_worker, mysql`);
  const text = format === 'svg' ? toSvg(model) : toMermaid(model);
  if (f.out) writeFileSync(path.resolve(ctx.cwd, f.out), text);
  else ctx.io.out.write(text);
  return 0;
}
