// Applies a plan's changes on a host: atomic file writes (backup, validate), commands, custom steps.

import type { Become, CommandResult, Connection } from '../connection/types.js';
import { validateArgv } from '../connection/quote.js';
import { tempPathFor } from '../connection/temp-files.js';
import type { Change } from '../modules/types.js';

type Obj = Record<string, unknown>;

export interface ApplyOutcome {
  readonly result: Obj;
  /** the first failing change's message, if any */
  readonly failed?: string;
  /**
   * Whether anything changed, when a custom change's apply said so (`changed: false`: a write that
   * changed nothing); undefined when none said (the plan's verdict stands). File writes,
   * commands and custom changes that say nothing count as changes.
   */
  readonly changed?: boolean;
}

/** Ansible-style backup name: path.YYYY-MM-DD@HH:MM:SS~ */
export function backupPath(file: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}@${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}`;
  return `${file}.${stamp}~`;
}

/** unsafeWrites: the task's unsafe_writes (a target that cannot be renamed over is rewritten in place). */
export async function applyChanges(conn: Connection, changes: readonly Change[], become?: Become, write: { readonly unsafeWrites?: boolean } = {}): Promise<ApplyOutcome> {
  const result: Obj = {};
  let verdict: boolean | undefined;
  let others = false;
  for (const change of changes) {
    if (change.kind === 'file') {
      others = true;
      const failed = await applyFile(conn, change, become, result, write.unsafeWrites);
      if (failed) return { result, failed };
    } else if (change.kind === 'exec') {
      others = true;
      const r = await conn.exec(change.argv, { ...change.opts, become: change.opts?.become ?? become });
      Object.assign(result, commandFields(r, change.stripEmptyEnds ?? true));
      const ok = change.okCodes ?? [0];
      if (r.exitCode === null || !ok.includes(r.exitCode)) {
        const why = r.timedOut ? 'command timed out' : r.signal ? `killed by signal ${r.signal}` : `non-zero return code ${r.exitCode}`;
        return { result, failed: `${change.summary}: ${why}${r.stderr.trim() ? `: ${lastLine(r.stderr)}` : ''}` };
      }
    } else {
      const extra = await change.apply({ host: conn.host, conn, become });
      if (extra) Object.assign(result, extra);
      const said = extra ? extra.changed : undefined;
      if (typeof said === 'boolean') verdict = (verdict ?? false) || said;
      else others = true;
    }
  }
  return verdict === undefined ? { result } : { result, changed: others || verdict };
}

async function applyFile(conn: Connection, c: Extract<Change, { kind: 'file' }>, become: Become | undefined, result: Obj, unsafeWrites?: boolean): Promise<string | undefined> {
  const opts = { mode: c.mode, owner: c.owner, group: c.group, become };
  if (c.validate) {
    const tmp = tempPathFor(c.path); // named like every esbplay temp file: a killed run's is swept by the next
    await conn.writeFile(tmp, c.after, { ...opts, mode: c.mode ?? 0o600 });
    const r = await conn.exec(validateArgv(c.validate, tmp), { become });
    await conn.exec(['rm', '-f', '--', tmp], { become });
    if (r.exitCode !== 0) {
      Object.assign(result, commandFields(r));
      return `validation failed for ${c.path} (${c.validate}): ${lastLine(r.stderr || r.stdout) || `exit ${r.exitCode}`}`;
    }
  }
  if (c.backup && c.before !== null) {
    const b = backupPath(c.path);
    await conn.writeFile(b, c.before, { become });
    result.backup_file = b;
  }
  await conn.writeFile(c.path, c.after, { ...opts, unsafeWrites });
  return undefined;
}

export function commandFields(r: CommandResult, stripEmptyEnds = true): Obj {
  const trim = (s: string) => (stripEmptyEnds ? s.replace(/(\r?\n)+$/, '') : s);
  const stdout = trim(r.stdout);
  const stderr = trim(r.stderr);
  return {
    cmd: r.argv,
    rc: r.exitCode,
    stdout,
    stderr,
    stdout_lines: stdout === '' ? [] : stdout.split('\n'),
    stderr_lines: stderr === '' ? [] : stderr.split('\n'),
    delta_ms: r.durationMs,
    // too big to keep: stdout/stderr hold head and tail, the file on the controller all of it
    ...(r.stdoutFile ? { stdout_file: r.stdoutFile } : {}),
    ...(r.stderrFile ? { stderr_file: r.stderrFile } : {}),
  };
}

function lastLine(s: string): string {
  const lines = s.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}
