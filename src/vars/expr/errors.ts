// Errors of the expression language: a user-facing UndefinedVariableError and an internal failure wrapped with the expression.

import { UserError, type SourceLoc } from '../../errors.js';

/** An expression read a variable (or an attribute of one) that has no value. */
export class UndefinedVariableError extends UserError {
  constructor(
    message: string,
    /** the variable (or dotted path, e.g. `result.stdout`) that was undefined */
    readonly variable: string,
    loc?: SourceLoc,
    sourceLine?: string,
  ) {
    super(message, loc, sourceLine);
    this.name = 'UndefinedVariableError';
  }

  /** The top-level variable of the path (`result` for `result.stdout` or `result['rc']`). */
  get root(): string {
    return this.variable.split(/[.[]/)[0]!;
  }
}

/**
 * Raised inside the evaluator, filters and tests; the public API wraps it into a
 * UserError (or UndefinedVariableError when `variable` is set) naming the expression.
 */
export class ExprError extends Error {
  /** offset in the template or expression text of the node that failed (set by the evaluator) */
  pos?: number;
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(message);
    this.name = 'ExprError';
  }
}

/** Turns an internal ExprError into the user-facing error naming the expression and its location. */
export function toUserError(e: unknown, expr: string, loc?: SourceLoc): unknown {
  if (!(e instanceof ExprError)) return e;
  const message = `${e.message} in "${expr}"`;
  return e.variable !== undefined ? new UndefinedVariableError(message, e.variable, loc) : new UserError(message, loc);
}

/** The error for reading an undefined name or attribute path. */
export function undefinedError(path: string, what = 'variable'): ExprError {
  return new ExprError(`undefined ${what} '${path}'`, path);
}

/** A syntax error at an offset of the parsed text; the public API turns it into a UserError with a caret. */
export class ExprSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = 'ExprSyntaxError';
  }
}
