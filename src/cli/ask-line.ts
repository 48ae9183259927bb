// Asks one question and reads one line of answer: on the terminal (/dev/tty) when there is one, else from stdin.

import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** Reads up to a newline, byte by byte, so nothing after it is consumed (the next question reads on). */
function readLine(fd: number): string {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, one, 0, 1, null);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue;
      throw e;
    }
    if (n === 0 || one[0] === 0x0a) break;
    bytes.push(one[0]!);
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r$/, '');
}

/** The question goes to the terminal (or to `err` without one); the answer is one line. */
export async function askLine(question: string, err: NodeJS.WritableStream): Promise<string> {
  let fd: number | undefined;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    fd = undefined;
  }
  if (fd === undefined) {
    err.write(question);
    return readLine(0);
  }
  try {
    writeSync(fd, question);
    return readLine(fd);
  } finally {
    closeSync(fd);
  }
}
