// `esbplay run PLAYBOOK`: settings (flags, ESBPLAY_*, esbplay.cfg) -> run options -> the run with the chosen reporter.

import { Command } from 'commander';
import { UserError } from '../errors.js';
import { runPlaybook } from '../executor/run-playbook.js';
import type { RunOptions } from '../executor/options.js';
import { ConsoleReporter } from '../report/console-reporter.js';
import { JsonReporter } from '../report/json-reporter.js';
import { JsonlReporter } from '../report/jsonl-reporter.js';
import { Secret } from '../vars/secret.js';
import { promptHidden } from '../vault/tty-prompt.js';
import { withVaultKeyring } from '../vault/scope.js';
import { askLine } from './ask-line.js';
import { decideColor } from './color.js';
import { parseExtraVars } from './extra-vars.js';
import { answerListing } from './list.js';
import { withLoadedRun } from './load-masked.js';
import { addRunFlags, typedFlags } from './run-flags.js';
import { resolveSettings, type ResolvedSettings } from './resolve-settings.js';
import type { RunSettings } from './run-settings-values.js';
import { watchSignals } from './signals.js';
import { checkStartAt, makeTaskGate } from './task-gate.js';
import { addVaultOptions, keyringFromFlags, type VaultFlags } from './vault-options.js';
import type { CliContext } from './cli-context.js';

/** Adds `run` to the program; `done` receives the exit code. */
export function addRunCommand(program: Command, ctx: CliContext, done: (code: number) => void): void {
  const run = program
    .command('run')
    .description('run a playbook against an inventory (ansible-playbook)')
    .argument('<playbook>', 'playbook file, e.g. playbooks/site.yml');
  const attrs = addRunFlags(run);
  addVaultOptions(run).action(async (playbook: string, _opts: unknown, cmd: Command) => {
    const resolved = resolveSettings(typedFlags(cmd, attrs), ctx.env, ctx.cwd);
    for (const w of resolved.warnings) ctx.io.err.write(`[WARNING]: ${w}\n`);
    done(await runCommand(playbook, resolved, cmd.opts<VaultFlags>(), ctx));
  });
}

async function runCommand(playbook: string, resolved: ResolvedSettings, vaultFlags: VaultFlags, ctx: CliContext): Promise<number> {
  const s = resolved.settings;
  if (!s.inventory)
    throw new UserError('no inventory: give -i INVENTORY, set ESBPLAY_INVENTORY, or write inventory = ... under [defaults] in esbplay.cfg');
  const vault = await keyringFromFlags(withConfiguredVaultFile(vaultFlags, s, ctx.env), { cwd: ctx.cwd, env: ctx.env });
  return withVaultKeyring(vault, async () => {
    const options = await runOptionsOf(playbook, s, ctx, vault);
    if (s.listHosts || s.listTasks || s.listTags || s.syntaxCheck) return answerListing(options, s, (t) => ctx.io.out.write(t));
    if (s.startAtTask !== undefined) withLoadedRun(options, ({ playbook }) => checkStartAt(s.startAtTask!, playbook));
    const gate = makeTaskGate({ startAt: s.startAtTask, step: s.step, ask: (q) => askLine(q, ctx.io.err) });
    const reporter = reporterFor(s, resolved, ctx);
    const signals = watchSignals(ctx.io.err);
    try {
      const result = await runPlaybook({
        ...options,
        onEvent: reporter.onEvent,
        interrupt: signals.interrupt,
        ...(gate ? { taskGate: gate } : {}),
      });
      return result.exitCode;
    } finally {
      signals.stop();
    }
  });
}

/** esbplay.cfg's vault_password_file joins the flags' files unless the environment names one (env beats the file). */
export function withConfiguredVaultFile(f: VaultFlags, s: Pick<RunSettings, 'vaultPasswordFile'>, env: NodeJS.ProcessEnv): VaultFlags {
  if (!s.vaultPasswordFile || env.ESBPLAY_VAULT_PASSWORD_FILE || env.ANSIBLE_VAULT_PASSWORD_FILE) return f;
  return { ...f, vaultPasswordFile: [...f.vaultPasswordFile, s.vaultPasswordFile] };
}

/** The library options of this run. */
async function runOptionsOf(playbook: string, s: RunSettings, ctx: CliContext, vault: RunOptions['vault']): Promise<RunOptions> {
  const becomePassword = s.askBecomePass ? new Secret(await promptHidden('BECOME password: ')) : undefined;
  return {
    playbook,
    inventory: s.inventory!,
    cwd: ctx.cwd,
    check: s.check,
    dryRun: s.dryRun,
    diff: s.diff,
    limit: s.limit,
    tags: s.tags,
    skipTags: s.skipTags,
    extraVars: parseExtraVars(s.extraVars, ctx.cwd),
    forks: s.forks,
    forceHandlers: s.forceHandlers,
    verbosity: s.verbose,
    knownHostsFile: s.knownHosts,
    acceptNewHostKeys: s.acceptNewHostKeys,
    vault,
    maskSecretNames: s.maskSecretNames,
    env: { ...ctx.env, ESBPLAY_ROLES_PATH: s.rolesPath.join(':') },
    hostKeyChecking: s.hostKeyChecking,
    commandLine: {
      remoteUser: s.remoteUser,
      privateKeyFile: s.privateKey,
      connection: s.connection,
      timeout: s.timeout,
      become: s.become,
      becomeUser: s.becomeUser,
      becomePassword,
    },
  };
}

function reporterFor(s: RunSettings, resolved: ResolvedSettings, ctx: CliContext): { onEvent: NonNullable<RunOptions['onEvent']> } {
  if (s.output === 'json') return new JsonReporter(ctx.io.out, true);
  if (s.output === 'jsonl') return new JsonlReporter(ctx.io.out, !!s.diff);
  const color = decideColor(resolved, ctx.env, !!ctx.io.out.isTTY);
  return new ConsoleReporter({ out: ctx.io.out, diff: s.diff, verbosity: s.verbose, color });
}
