// What a differential case declares, what one run of it yields, and small helpers for writing cases.

/** A phase: `--check` on the seeded hosts, the first real run, then a second run (idempotency). */
export type Phase = 'check' | 'run' | 'rerun';
export const PHASES: readonly Phase[] = ['check', 'run', 'rerun'];

/** What can differ between the two tools for one phase. */
export type Aspect = 'exit' | 'recap' | 'files' | 'debug';

/** A deliberate difference a case accepts; `doc` is a heading of docs/ansible-differences.md. */
export interface Tolerance {
  readonly aspect: Aspect;
  readonly phases?: readonly Phase[];
  readonly doc: string;
}

export interface CompatCase {
  /** unique, kebab-case */
  readonly name: string;
  /** inventory hosts, each local with its own `root_dir` (default: h1 alone; ansible-playbook's time grows with hosts x tasks) */
  readonly hosts?: readonly string[];
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** inventory vars per host, and for `all` */
  readonly hostVars?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly allVars?: Readonly<Record<string, unknown>>;
  /** false: hosts get no `ansible_connection: local` (the play's `connection:` must say it) */
  readonly connectionVar?: boolean;
  /** the inventory as INI text instead (hosts still get root_dir and the local connection added) */
  readonly iniInventory?: string;
  /** project files: `site.yml` (the playbook) and roles/, templates/, files/, group_vars/, inventory/group_vars/... */
  readonly files: Readonly<Record<string, string>>;
  /** files each host root holds before every phase */
  readonly seed?: Readonly<Record<string, string>>;
  /** more ansible-playbook / esbplay arguments: -e, -t, --skip-tags, -l, --force-handlers (`<CASE>` is the project dir) */
  readonly args?: readonly string[];
  /** phases to run (default all three) */
  readonly phases?: readonly Phase[];
  readonly tolerate?: readonly Tolerance[];
  /**
   * A difference in another engineer's area, not yet fixed (owner: what differs). The case still
   * runs: it is reported as pending while it differs and fails once it passes (remove this).
   */
  readonly pendingOn?: string;
}

/** One file or directory below a host root: type, mode, and bytes with the case dir replaced by <CASE>. */
export interface Entry {
  readonly type: 'file' | 'dir' | 'link';
  readonly mode: string;
  readonly content?: string;
}

/** The result of one debug task on one host, as printed at verbosity 0. */
export interface DebugOutput {
  readonly host: string;
  readonly item?: string;
  readonly value: unknown;
}

export interface PhaseResult {
  readonly exit: number;
  /** host -> "ok=1 changed=0 ..." */
  readonly recap: Readonly<Record<string, string>>;
  /** "h1/path/in/root" -> entry */
  readonly files: Readonly<Record<string, Entry>>;
  readonly debug: readonly DebugOutput[];
  /** the tool's output with the case dir replaced by <CASE>, for failure messages */
  readonly output: string;
}

export type CaseResult = Partial<Record<Phase, PhaseResult>>;

/** One play on `hosts: all` without fact gathering, with these tasks (YAML list items, 4-space indented). */
export function play(tasks: string, head = ''): string {
  return `- hosts: all\n  gather_facts: false\n${head}  tasks:\n${indent(tasks, 4)}`;
}

export function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return `${text.replace(/^\n/, '').replace(/\n$/, '').split('\n').map((l) => (l.trim() ? pad + l : l)).join('\n')}\n`;
}
