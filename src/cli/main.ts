// The esbplay command line: argv -> options -> run; the only place that turns errors into exit codes.

import { Command, CommanderError, Option } from 'commander';
import { ExitCode, UserError } from '../errors.js';
import { loadRun, runPlaybook } from '../executor/run-playbook.js';
import { ConsoleReporter } from '../report/console-reporter.js';
import { JsonReporter } from '../report/json-reporter.js';
import { parseExtraVars } from './extra-vars.js';
import { watchSignals } from './signals.js';
import { sourceLine } from '../loader/yaml.js';
import { listHosts, listTasks } from './list.js';
import type { RunOptions } from '../executor/options.js';
import { DEFAULT_FORKS } from '../executor/options.js';
import { addVaultOptions, keyringFromFlags, type VaultFlags } from './vault-options.js';
import { addVaultCommand } from './vault-command.js';
import { withVaultKeyring } from '../vault/scope.js';
import type { VaultKeyring } from '../vault/keyring.js';

interface CliFlags extends VaultFlags {
  inventory: string;
  check?: boolean;
  dryRun?: boolean;
  diff?: boolean;
  limit?: string;
  tags: string[];
  skipTags: string[];
  extraVars: string[];
  forks: number;
  forceHandlers?: boolean;
  listHosts?: boolean;
  listTasks?: boolean;
  syntaxCheck?: boolean;
  output: 'human' | 'json';
  verbose: number;
  knownHosts?: string;
  acceptNewHostKeys?: boolean;
  color?: boolean;
  maskSecretNames: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
const collectRaw = (v: string, prev: string[]) => [...prev, v];

function buildProgram(io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }, done: (code: number) => void): Command {
  const program = new Command('esbplay')
    .description('Ansible-style playbooks for WSO2 product clusters')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  const run = program
    .command('run')
    .description('run a playbook against an inventory')
    .argument('<playbook>', 'playbook file, e.g. playbooks/site.yml')
    .requiredOption('-i, --inventory <inventory>', 'inventory: a name under inventories/, a directory or a file')
    .option('-C, --check', 'connect and compute changes, change nothing')
    .option('--dry-run', 'touch no host: load, validate, render and print the plan')
    .option('-D, --diff', 'show unified diffs of file changes')
    .option('-l, --limit <pattern>', 'further limit the hosts (pattern or @file)')
    .option('-t, --tags <tags>', 'only run tasks with these tags (comma separated, repeatable)', collect, [])
    .option('--skip-tags <tags>', 'skip tasks with these tags', collect, [])
    .option('-e, --extra-vars <vars>', 'key=value pairs, a JSON mapping or @file (repeatable)', collectRaw, [])
    .addOption(new Option('-f, --forks <n>', 'hosts worked on at once').default(DEFAULT_FORKS).argParser(parsePositive))
    .option('--force-handlers', 'run notified handlers even on hosts that failed')
    .option('--list-hosts', 'list the hosts each play would run on')
    .option('--list-tasks', 'list the tasks each play would run')
    .option('--syntax-check', 'load and validate the playbook, roles and inventory only')
    .addOption(new Option('--output <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('-v, --verbose', 'more output (repeat for more)', (_v: string, prev: number) => prev + 1, 0)
    .option('--known-hosts <file>', 'known_hosts file for ssh host key checking')
    .option('--accept-new-host-keys', 'trust unknown ssh host keys on first use and record them')
    .option('--no-color', 'no colours even on a terminal')
    .option('--no-mask-secret-names', 'do not treat variables named like *_password or *_secret as secret (docs/vault.md)');
  addVaultOptions(run).action(async (playbook: string, flags: CliFlags) => done(await runCommand(playbook, flags, io)));
  addVaultCommand(program, io, done);
  return program;
}

function parsePositive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--forks must be a positive whole number, got '${v}'`);
  return n;
}

async function runCommand(playbook: string, f: CliFlags, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const cwd = process.cwd();
  const vault = await keyringFromFlags(f, { cwd });
  // -e @file and everything loaded below may hold vault values
  return withVaultKeyring(vault, () => runWithVault(playbook, f, io, cwd, vault));
}

async function runWithVault(playbook: string, f: CliFlags, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }, cwd: string, vault: VaultKeyring): Promise<number> {
  const options: RunOptions = {
    playbook, inventory: f.inventory, cwd, check: f.check, dryRun: f.dryRun, diff: f.diff, limit: f.limit,
    tags: f.tags, skipTags: f.skipTags, extraVars: parseExtraVars(f.extraVars, cwd), forks: f.forks,
    forceHandlers: f.forceHandlers, verbosity: f.verbose, knownHostsFile: f.knownHosts, acceptNewHostKeys: f.acceptNewHostKeys,
    vault, maskSecretNames: f.maskSecretNames,
  };
  if (f.listHosts || f.listTasks || f.syntaxCheck) {
    const { playbook: pb, inventory } = loadRun(options);
    if (f.listHosts) io.out.write(`${listHosts(pb, inventory, f.limit)}\n`);
    if (f.listTasks) io.out.write(`${listTasks(pb, f.tags, f.skipTags)}\n`);
    if (f.syntaxCheck) io.out.write(`playbook: ${pb.file}\nsyntax OK\n`);
    return ExitCode.ok;
  }
  const reporter = f.output === 'json' ? new JsonReporter(io.out, true) : new ConsoleReporter({ out: io.out, diff: f.diff, verbosity: f.verbose, color: f.color === false ? false : undefined });
  const signals = watchSignals(io.err);
  try {
    const result = await runPlaybook({ ...options, onEvent: reporter.onEvent, interrupt: signals.interrupt });
    return result.exitCode;
  } finally {
    signals.stop();
  }
}

/** Runs the CLI; returns the exit code (never calls process.exit). */
export async function main(argv: readonly string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.ok : ExitCode.invalidInput;
    if (e instanceof UserError) {
      io.err.write(`ERROR! ${e.format(sourceLine)}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.err.write(`esbplay: unexpected error (this is a bug, please report it): ${err.message}\n${err.stack ?? ''}\n`);
    return ExitCode.bug;
  }
}
