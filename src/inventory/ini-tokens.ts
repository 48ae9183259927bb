// Splits an INI host line like Python's shlex (posix, comments on) and keeps each token's column.

export interface Token {
  readonly text: string;
  /** 1-based column of the token's first character in the line */
  readonly col: number;
}

export class TokenError extends Error {
  constructor(
    message: string,
    readonly col: number,
  ) {
    super(message);
  }
}

/** Tokens of `line`; quotes group words, backslash escapes, `#` outside quotes starts a comment. */
export function splitHostLine(line: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let start = -1;
  let quote: string | undefined;
  let quoteCol = 0;
  const flush = (): void => {
    if (start >= 0) tokens.push({ text, col: start + 1 });
    text = '';
    start = -1;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) text += line[++i];
      else text += c;
      continue;
    }
    if (/\s/.test(c)) {
      flush();
      continue;
    }
    if (c === '#') break;
    if (start < 0) start = i;
    if (c === '"' || c === "'") {
      quote = c;
      quoteCol = i + 1;
    } else if (c === '\\') {
      if (i + 1 < line.length) text += line[++i];
    } else {
      text += c;
    }
  }
  if (quote) throw new TokenError(`no closing quotation for the ${quote} opened here`, quoteCol);
  flush();
  return tokens;
}
