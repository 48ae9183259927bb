// The settings of `esbplay run`, declared once: command-line flag, esbplay.cfg keys, ESBPLAY_* variables, type, meaning.
// This table drives the option parser, the configuration file and environment lookups, and the tables in docs/cli.md.

import { DEFAULT_FORKS } from '../executor/options.js';

export type SettingType = 'bool' | 'str' | 'int' | 'path' | 'pathlist' | 'list' | 'count' | 'raw';

export interface SettingSpec {
  /** commander flags; absent: configuration file and environment only */
  readonly flags?: string;
  readonly type: SettingType;
  readonly description: string;
  /** `section.key` in esbplay.cfg, first wins (Ansible's ansible.cfg names) */
  readonly ini?: readonly string[];
  /** environment variables, first wins */
  readonly env?: readonly string[];
  readonly choices?: readonly string[];
  readonly default?: unknown;
  /** what Ansible calls it, when the name differs (docs) */
  readonly ansible?: string;
}

export const RUN_SETTINGS = {
  inventory: {
    flags: '-i, --inventory <INVENTORY>',
    type: 'path',
    description: 'inventory: a name under inventories/, a directory, a file, or a host list (web1,web2:2222,)',
    ini: ['defaults.inventory'],
    env: ['ESBPLAY_INVENTORY'],
  },
  check: { flags: '-C, --check', type: 'bool', description: 'connect and compute changes, change nothing' },
  dryRun: { flags: '--dry-run', type: 'bool', description: 'touch no host: load, validate, render and print the plan' },
  diff: {
    flags: '-D, --diff',
    type: 'bool',
    description: 'show unified diffs of file changes',
    ini: ['diff.always'],
    env: ['ESBPLAY_DIFF_ALWAYS'],
  },
  limit: { flags: '-l, --limit <SUBSET>', type: 'str', description: 'further limit the hosts (pattern or @file)' },
  tags: {
    flags: '-t, --tags <TAGS>',
    type: 'list',
    description: 'only run tasks with these tags (comma separated, repeatable)',
    ini: ['tags.run'],
    env: ['ESBPLAY_RUN_TAGS'],
  },
  skipTags: {
    flags: '--skip-tags <TAGS>',
    type: 'list',
    description: 'skip tasks with these tags (comma separated, repeatable)',
    ini: ['tags.skip'],
    env: ['ESBPLAY_SKIP_TAGS'],
  },
  extraVars: {
    flags: '-e, --extra-vars <EXTRA_VARS>',
    type: 'raw',
    description: 'key=value pairs, a JSON/YAML mapping or @file (repeatable)',
  },
  forks: {
    flags: '-f, --forks <FORKS>',
    type: 'int',
    description: `hosts worked on at once (default ${DEFAULT_FORKS})`,
    ini: ['defaults.forks'],
    env: ['ESBPLAY_FORKS'],
    default: DEFAULT_FORKS,
  },
  forceHandlers: {
    flags: '--force-handlers',
    type: 'bool',
    description: 'run notified handlers even on hosts that failed',
    ini: ['defaults.force_handlers'],
    env: ['ESBPLAY_FORCE_HANDLERS'],
  },
  listHosts: { flags: '--list-hosts', type: 'bool', description: 'list the hosts each play would run on' },
  listTasks: { flags: '--list-tasks', type: 'bool', description: 'list the tasks each play would run' },
  listTags: { flags: '--list-tags', type: 'bool', description: 'list the tags of each play and its tasks' },
  syntaxCheck: { flags: '--syntax-check', type: 'bool', description: 'load and validate the playbook, roles and inventory only' },
  startAtTask: {
    flags: '--start-at-task <START_AT_TASK>',
    type: 'str',
    description: 'start at the first task with this name (a glob; `role : name` also matches)',
  },
  step: { flags: '--step', type: 'bool', description: 'one task at a time: confirm each task before it runs' },
  output: {
    flags: '--output <FORMAT>',
    type: 'str',
    description: 'human (ansible-playbook-like text), json (one document at the end) or jsonl (one event per line as the run goes)',
    choices: ['human', 'json', 'jsonl'],
    env: ['ESBPLAY_OUTPUT'],
    default: 'human',
  },
  verbose: {
    flags: '-v, --verbose',
    type: 'count',
    description: 'more output: -v results, -vv task paths, -vvv connections and commands (repeat the letter)',
    ini: ['defaults.verbosity'],
    env: ['ESBPLAY_VERBOSITY'],
    default: 0,
  },
  remoteUser: {
    flags: '-u, --user <REMOTE_USER>',
    type: 'str',
    description: 'connect as this user (below ansible_user)',
    ini: ['defaults.remote_user'],
    env: ['ESBPLAY_REMOTE_USER'],
    ansible: 'remote_user',
  },
  privateKey: {
    flags: '--private-key, --key-file <PRIVATE_KEY_FILE>',
    type: 'path',
    description: 'ssh private key file (below ansible_ssh_private_key_file)',
    ini: ['defaults.private_key_file'],
    env: ['ESBPLAY_PRIVATE_KEY_FILE'],
    ansible: 'private_key_file',
  },
  connection: {
    flags: '-c, --connection <CONNECTION>',
    type: 'str',
    description: 'connection type for hosts that set none: ssh or local',
    choices: ['ssh', 'local'],
    ini: ['defaults.transport'],
    env: ['ESBPLAY_TRANSPORT'],
    ansible: 'transport',
  },
  timeout: {
    flags: '-T, --timeout <TIMEOUT>',
    type: 'int',
    description: 'ssh connection timeout in seconds (below ansible_timeout)',
    ini: ['defaults.timeout', 'ssh_connection.timeout'],
    env: ['ESBPLAY_TIMEOUT', 'ESBPLAY_SSH_TIMEOUT'],
  },
  become: {
    flags: '-b, --become',
    type: 'bool',
    description: 'run tasks with privilege escalation (sudo) unless a play or task says become: false',
    ini: ['privilege_escalation.become'],
    env: ['ESBPLAY_BECOME'],
  },
  becomeMethod: {
    flags: '--become-method <BECOME_METHOD>',
    type: 'str',
    description: 'privilege escalation method: sudo (the only one)',
    choices: ['sudo'],
    ini: ['privilege_escalation.become_method'],
    env: ['ESBPLAY_BECOME_METHOD'],
    default: 'sudo',
  },
  becomeUser: {
    flags: '--become-user <BECOME_USER>',
    type: 'str',
    description: 'user to become (default root; below become_user keywords and ansible_become_user)',
    ini: ['privilege_escalation.become_user'],
    env: ['ESBPLAY_BECOME_USER'],
  },
  askBecomePass: {
    flags: '-K, --ask-become-pass',
    type: 'bool',
    description: 'ask for the sudo password on the terminal (held as a secret)',
    ini: ['privilege_escalation.become_ask_pass'],
    env: ['ESBPLAY_BECOME_ASK_PASS'],
  },
  hostKeyChecking: {
    type: 'bool',
    description: 'false: do not verify ssh host keys (operator-level only: never from a playbook; see security.md)',
    ini: ['defaults.host_key_checking', 'ssh_connection.host_key_checking'],
    env: ['ESBPLAY_HOST_KEY_CHECKING', 'ESBPLAY_SSH_HOST_KEY_CHECKING'],
    default: true,
  },
  knownHosts: {
    flags: '--known-hosts <FILE>',
    type: 'path',
    description: 'known_hosts file for ssh host key checking',
    ini: ['ssh_connection.known_hosts_file'],
    env: ['ESBPLAY_KNOWN_HOSTS_FILE'],
  },
  acceptNewHostKeys: {
    flags: '--accept-new-host-keys',
    type: 'bool',
    description: 'trust unknown ssh host keys on first use and record them (command line only)',
  },
  rolesPath: {
    type: 'pathlist',
    description: "directories searched for roles after the playbook's and the project's roles/ (colon separated)",
    ini: ['defaults.roles_path'],
    env: ['ESBPLAY_ROLES_PATH'],
  },
  vaultPasswordFile: {
    type: 'path',
    description:
      'vault password file or script, added to --vault-password-file when ESBPLAY_VAULT_PASSWORD_FILE/ANSIBLE_VAULT_PASSWORD_FILE are unset (vault.md)',
    ini: ['defaults.vault_password_file'],
  },
  color: { flags: '--no-color', type: 'bool', description: 'no colours even on a terminal (also NO_COLOR=1)', default: true },
  noColor: {
    type: 'bool',
    description: 'true: no colours (as --no-color)',
    ini: ['defaults.nocolor'],
    env: ['ESBPLAY_NOCOLOR'],
    default: false,
  },
  forceColor: {
    type: 'bool',
    description: 'true: colours even when the output is not a terminal (also FORCE_COLOR=1)',
    ini: ['defaults.force_color'],
    env: ['ESBPLAY_FORCE_COLOR'],
    default: false,
  },
  maskSecretNames: {
    flags: '--no-mask-secret-names',
    type: 'bool',
    description: 'do not treat variables named like *_password or *_secret as secret (docs/vault.md)',
    default: true,
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof RUN_SETTINGS;

/** Every `section.key` esbplay.cfg may hold, with the setting it feeds. */
export function iniKeys(): Map<string, SettingName> {
  const out = new Map<string, SettingName>();
  for (const [name, spec] of Object.entries(RUN_SETTINGS) as [SettingName, SettingSpec][]) for (const k of spec.ini ?? []) out.set(k, name);
  return out;
}
