// One error hierarchy: user errors carry a source location; the CLI maps classes to exit codes.

/** A position in a user's file (1-based line and column). */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** Documented exit codes. */
export const ExitCode = {
  ok: 0,
  bug: 1,
  hostFailed: 2,
  hostUnreachable: 4,
  invalidInput: 5,
} as const;

export function formatLoc(loc: SourceLoc | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.col}` : '';
}

/** Base of every error esbplay raises on purpose. */
export class EsbplayError extends Error {
  readonly exitCode: number = ExitCode.bug;
}

/**
 * Invalid input found before any host was touched: playbook, role, inventory, variables,
 * command line, module arguments. Exit code 5.
 */
export class UserError extends EsbplayError {
  override readonly exitCode: number = ExitCode.invalidInput;
  constructor(
    message: string,
    readonly loc?: SourceLoc,
    /** the offending source line, shown under the message */
    readonly sourceLine?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /**
   * `file:line:col: message` followed by the offending line and a caret. `lookup` finds the
   * line when the error was raised without it (the loader's source cache).
   */
  format(lookup?: (loc: SourceLoc) => string | undefined): string {
    const where = this.loc ? `${formatLoc(this.loc)}: ` : '';
    let out = `${where}${shorten(this.message, MAX_MESSAGE)}`;
    const line = this.sourceLine ?? (this.loc && lookup ? lookup(this.loc) : undefined);
    if (line !== undefined && this.loc) {
      const w = lineWindow(line, this.loc.col);
      out += `\n    ${w.text}\n    ${' '.repeat(w.caret)}^`;
    }
    return out;
  }
}

/** Longest message and source excerpt an error prints (a 50 MB one-line file must not be echoed). */
const MAX_MESSAGE = 2000;
const WINDOW = 120;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length - max} more characters)`;
}

/** At most WINDOW characters of the offending line around `col`, and where the caret goes in them. */
export function lineWindow(line: string, col: number): { text: string; caret: number } {
  const at = Math.max(0, col - 1);
  if (line.length <= WINDOW) return { text: line, caret: at };
  const start = Math.max(0, Math.min(at - WINDOW / 2, line.length - WINDOW));
  const end = Math.min(line.length, start + WINDOW);
  const prefix = start > 0 ? '...' : '';
  const suffix = end < line.length ? `... (line of ${line.length} characters)` : '';
  return { text: prefix + line.slice(start, end) + suffix, caret: at - start + prefix.length };
}

/** A task failed on one host (module said so, or a command failed). Not fatal for other hosts. */
export class TaskFailure extends EsbplayError {
  override readonly exitCode: number = ExitCode.hostFailed;
  constructor(
    message: string,
    readonly result: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TaskFailure';
  }
}

/** A host could not be reached (connect failed, host key refused, connection dropped twice). */
export class UnreachableError extends EsbplayError {
  override readonly exitCode: number = ExitCode.hostUnreachable;
  constructor(
    message: string,
    readonly host: string,
  ) {
    super(message);
    this.name = 'UnreachableError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
