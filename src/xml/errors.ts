// The one error type of the XML editor: a complete user-facing message (file, XPath, what is wrong).

/** A problem with the file or the requested edit; the message is ready to show to the user. */
export class XmlEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlEditError';
  }
}

/** 1-based line and column of a character offset in text. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
