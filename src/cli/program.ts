// The esbplay command tree: run, init, graph, doc, vault; --version; a bare `esbplay` prints the help.

import { Command } from 'commander';
import { addDocCommand } from './doc-command.js';
import { addGraphCommand } from './graph-command.js';
import { addInitCommand } from './init-command.js';
import { addRunCommand } from './run-command.js';
import type { CliContext } from './cli-context.js';
import { addVaultCommand } from './vault-command.js';
import { resolveSettings } from './resolve-settings.js';
import { versionText } from './version.js';
import { UserError } from '../errors.js';
import { didYouMean } from '../util/closest.js';

/** Builds the program; `done` receives the exit code of the command that ran. */
export function buildProgram(ctx: CliContext, done: (code: number) => void): Command {
  const { io } = ctx;
  const program = new Command('esbplay')
    .description('Ansible-style playbooks for WSO2 product clusters')
    .usage('<command> [options]')
    .option('--version', 'show the version, the configuration file and role search path, and exit')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nExamples:\n  esbplay init demo && cd demo\n  esbplay run playbooks/site.yml -i prod --dry-run\n  esbplay doc xml\n  esbplay graph -i prod\n',
    );
  program.allowExcessArguments(true).action((_opts: { version?: boolean }, cmd: Command) => {
    if (cmd.args.length > 0) {
      throw new UserError(
        `'${cmd.args[0]}' is not an esbplay command${didYouMean(
          cmd.args[0]!,
          program.commands.map((c) => c.name()),
        )}; esbplay --help lists them`,
      );
    }
    if (cmd.opts<{ version?: boolean }>().version) {
      const { settings, configFile } = resolveSettings({}, ctx.env, ctx.cwd);
      io.out.write(versionText({ cwd: ctx.cwd, env: ctx.env, configFile, rolesPath: settings.rolesPath, executable: process.argv[1] }));
    } else program.outputHelp();
    done(0);
  });
  addRunCommand(program, ctx, done);
  addInitCommand(program, ctx, done);
  addGraphCommand(program, ctx, done);
  addDocCommand(program, io, done);
  addVaultCommand(program, io, done);
  return program;
}
