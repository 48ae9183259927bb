// `esbplay init [DIR]`: starts a project (playbooks, example prod inventory, esbplay.cfg, README) and says what it wrote.

import path from 'node:path';
import type { Command } from 'commander';
import { initProject } from '../init/init-project.js';
import type { CliContext } from './cli-context.js';

export function addInitCommand(program: Command, ctx: CliContext, done: (code: number) => void): void {
  program
    .command('init')
    .description('start a project: the packaged playbooks, an example prod inventory with a vault file, esbplay.cfg, a README')
    .argument('[dir]', 'directory to create the project in', '.')
    .option('--force', 'overwrite files that already exist')
    .action((dir: string, f: { force?: boolean }) => {
      const r = initProject(path.resolve(ctx.cwd, dir), f);
      const out = ctx.io.out;
      out.write(`Created an esbplay project in ${r.dir}:\n`);
      for (const w of r.written) out.write(`  ${w}\n`);
      out.write('inventories/prod is an example with documentation addresses (192.0.2.x): put your hosts in it.\n');
      if (r.missing.length > 0)
        out.write(`Not shipped by this esbplay version yet: ${r.missing.map((m) => `playbooks/${m}`).join(', ')}.\n`);
      out.write(
        `\nNext:\n  cd ${path.relative(ctx.cwd, r.dir) || '.'}\n  # download the WSO2 distribution and a JDK 8 archive into files/ (files/README.md)\n  esbplay run playbooks/site.yml --dry-run\n`,
      );
      done(0);
    });
}
