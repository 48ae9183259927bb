// The playbook keywords, declared once per keyword: where they are valid, how they are read, what they mean.
// This table drives parsing (readKeywords), validation ("unknown keyword, did you mean") and the docs tables.

export type Level = 'play' | 'block' | 'task' | 'role';

/** How a keyword's value is read (see fields.ts); 'section' values are read by the level's own parser. */
export type KeywordKind = 'string' | 'bool' | 'number' | 'count' | 'strings' | 'conditions' | 'vars' | 'mapping' | 'raw' | 'section';

export interface KeywordSpec {
  readonly levels: readonly Level[];
  readonly kind: KeywordKind;
  /** the model field it is read into (camelCase of the keyword unless given) */
  readonly field?: string;
  /** inherited from play to block to task (the nearest level that sets it wins) */
  readonly inherited?: boolean;
  /** the only values accepted (checked when the value is not a template) */
  readonly choices?: readonly string[];
  /** one line for the docs */
  readonly doc: string;
}

const P = 'play';
const B = 'block';
const T = 'task';
const R = 'role';

/** Lookups `with_<name>:` loops over, in the order Ansible documents them. */
export const WITH_LOOKUPS = ['items', 'list', 'dict', 'indexed_items', 'together', 'sequence', 'fileglob', 'subelements', 'nested'] as const;

const WITH_DOCS: Record<(typeof WITH_LOOKUPS)[number], string> = {
  items: 'loop over a list, flattened one level',
  list: 'loop over a list as it is',
  dict: 'loop over a mapping as `{key, value}` items',
  indexed_items: 'loop over `[index, element]` pairs',
  together: 'loop over several lists zipped (missing elements are null)',
  sequence: 'loop over numbers: `start=1 end=10 stride=2 format=node%02d` or `count=3`',
  fileglob: 'loop over controller files matching a glob (searched in `files/`)',
  subelements: 'loop over `[element, sub-element]` pairs: `[list, "subkey"]`',
  nested: 'loop over every combination of several lists',
};

export const KEYWORDS = {
  name: { levels: [P, B, T], kind: 'string', doc: 'shown in the PLAY / TASK banner' },
  hosts: { levels: [P], kind: 'section', doc: 'host pattern the play runs on (see inventory.md)' },
  vars: { levels: [P, B, T, R], kind: 'vars', doc: 'variables of this level ([variables.md](variables.md))' },
  vars_files: { levels: [P], kind: 'section', doc: 'files of play variables; names may use inventory variables and extra vars; an entry that is a list names alternatives, the first that exists is read' },
  roles: { levels: [P], kind: 'section', doc: 'roles to run: names or `{role: name, <keyword>: ..., <param>: ...}`' },
  pre_tasks: { levels: [P], kind: 'section', doc: 'tasks run before the roles' },
  tasks: { levels: [P], kind: 'section', doc: 'tasks run after the roles' },
  post_tasks: { levels: [P], kind: 'section', doc: 'tasks run last' },
  handlers: { levels: [P], kind: 'section', doc: 'tasks run when notified' },
  serial: { levels: [P], kind: 'section', doc: 'batch size: a number, a percentage (`"30%"`) or a list of them (the last repeats)' },
  max_fail_percentage: { levels: [P], kind: 'number', doc: 'when more than this share of a batch failed, the playbook ends' },
  force_handlers: { levels: [P], kind: 'bool', doc: 'run notified handlers on hosts that failed later' },
  gather_facts: { levels: [P], kind: 'bool', doc: 'accepted; esbplay gathers no facts' },
  block: { levels: [B], kind: 'section', doc: 'the tasks of the block' },
  rescue: { levels: [B], kind: 'section', doc: 'run on the hosts where the block failed (they count as rescued)' },
  always: { levels: [B], kind: 'section', doc: 'run on every host that entered the block' },
  role: { levels: [R], kind: 'section', doc: 'the role name (also `name`)' },
  when: { levels: [B, T, R], kind: 'conditions', doc: 'condition (or list, ANDed); evaluated per host and per loop item' },
  tags: { levels: [P, B, T, R], kind: 'strings', doc: 'for `--tags` / `--skip-tags` (`always`, `never` as in Ansible)' },
  become: { levels: [P, B, T, R], kind: 'bool', inherited: true, doc: 'privilege escalation (sudo)' },
  become_user: { levels: [P, B, T, R], kind: 'string', inherited: true, doc: 'user to become (default root)' },
  ignore_errors: { levels: [P, B, T, R], kind: 'bool', inherited: true, doc: 'a failure is reported and counted as `ignored` (and `ok`), the host carries on' },
  no_log: { levels: [P, B, T, R], kind: 'bool', inherited: true, doc: 'hide results from every output' },
  check_mode: { levels: [P, B, T, R], kind: 'bool', inherited: true, doc: '`false`: run for real even under `--check`; `true`: always in check mode' },
  diff: { levels: [P, B, T, R], kind: 'bool', inherited: true, doc: '`false` hides the diffs of this level' },
  run_once: { levels: [P, B, T, R], kind: 'bool', inherited: true, doc: 'run on the first host of the batch; results and facts go to every host' },
  delegate_to: { levels: [B, T, R], kind: 'string', inherited: true, doc: 'run on another inventory host (or `localhost`) with this host\'s variables' },
  environment: { levels: [P, B, T, R], kind: 'raw', inherited: true, doc: 'environment variables for commands; levels merge, the inner one wins per variable' },
  connection: { levels: [P, B, T, R], kind: 'string', inherited: true, choices: ['local', 'ssh', 'paramiko', 'smart'], doc: 'connection type (`local`, `ssh`) for hosts whose inventory sets no `ansible_connection`' },
  remote_user: { levels: [P, B, T, R], kind: 'string', inherited: true, doc: 'ssh user for hosts whose inventory sets no `ansible_user`' },
  port: { levels: [P, B, T, R], kind: 'number', inherited: true, doc: 'ssh port for hosts whose inventory sets no `ansible_port`' },
  become_method: { levels: [P, B, T, R], kind: 'string', inherited: true, choices: ['sudo'], doc: 'how to become: esbplay becomes with `sudo` only' },
  any_errors_fatal: { levels: [P, B, T, R], kind: 'bool', inherited: true, doc: 'one failed host fails every host of the play' },
  throttle: { levels: [P, B, T, R], kind: 'count', inherited: true, doc: 'at most this many hosts run a task at once; see [ansible-differences.md](ansible-differences.md#throttle-stops-at-the-first-fatal-failure)' },
  loop: { levels: [T], kind: 'raw', doc: 'repeat the task for each element of a list' },
  ...Object.fromEntries(WITH_LOOKUPS.map((l) => [`with_${l}`, { levels: [T], kind: "raw", doc: WITH_DOCS[l] }])) as unknown as Record<`with_${(typeof WITH_LOOKUPS)[number]}`, KeywordSpec>,
  loop_control: { levels: [T], kind: 'mapping', doc: '`label`, `loop_var`, `index_var`, `extended`, `pause`' },
  register: { levels: [T], kind: 'string', doc: 'keep the result as a variable (with `results` for loops)' },
  notify: { levels: [T], kind: 'strings', doc: 'handler names or `listen` topics, notified when the task changed something' },
  listen: { levels: [T], kind: 'strings', doc: '(handlers) topics this handler also answers to' },
  changed_when: { levels: [T], kind: 'conditions', doc: 'override changed with a condition (the registered result is visible)' },
  failed_when: { levels: [T], kind: 'conditions', doc: 'override failed with a condition (the registered result is visible)' },
  until: { levels: [T], kind: 'conditions', doc: 'retry until the condition holds: `retries` (3) more attempts, `delay` (5) seconds apart' },
  retries: { levels: [T], kind: 'number', doc: 'retries after the first attempt (with `until`); the result has `attempts`' },
  delay: { levels: [T], kind: 'number', doc: 'seconds between attempts' },
  args: { levels: [T], kind: 'mapping', doc: 'extra module arguments merged with the module\'s' },
} as const satisfies Record<string, KeywordSpec>;

export type Keyword = keyof typeof KEYWORDS;

/** The keywords valid at a level. */
export function keywordsOf(level: Level): Keyword[] {
  return (Object.keys(KEYWORDS) as Keyword[]).filter((k) => (KEYWORDS[k].levels as readonly Level[]).includes(level));
}

/** The model field a keyword is read into: `become_user` -> `becomeUser`. */
export function fieldOf(k: Keyword): string {
  const spec: KeywordSpec = KEYWORDS[k];
  return spec.field ?? k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Model fields inherited from play to block to task (become, environment, throttle, ...). */
export const INHERITED_FIELDS: readonly string[] = (Object.keys(KEYWORDS) as Keyword[]).filter((k) => (KEYWORDS[k] as KeywordSpec).inherited).map(fieldOf);

/** Task "modules" that the executor handles itself rather than a module definition. */
export const INCLUDE_ACTIONS = ['include_tasks', 'import_tasks', 'include_role', 'import_role', 'meta', 'include_vars'] as const;

/** Collection prefixes Ansible users write; `ansible.builtin.copy` means `copy`. */
export const MODULE_PREFIXES = ['ansible.builtin.', 'ansible.legacy.', 'community.general.', 'ansible.posix.', 'esbplay.'];

export function canonicalModuleName(key: string): string {
  for (const p of MODULE_PREFIXES) if (key.startsWith(p)) return key.slice(p.length);
  return key;
}
