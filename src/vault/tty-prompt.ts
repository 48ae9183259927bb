// Asks for a password on the terminal without echo (/dev/tty, like getpass); without a terminal, reads a line from stdin.

import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';

/** Prompts on the controlling terminal; falls back to one line of stdin when there is none. */
export async function promptHidden(question: string): Promise<string> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return readStdinLine();
  }
  try {
    return await readNoEcho(fd, question);
  } finally {
    writeSync(fd, '\n');
    closeSync(fd);
  }
}

/** Echo goes off before the prompt is shown (as getpass does), so fast typing is never echoed. */
function readNoEcho(fd: number, question: string): Promise<string> {
  const input = new ReadStream(fd);
  input.setRawMode(true);
  writeSync(fd, question);
  return new Promise<string>((resolve, reject) => {
    let text = '';
    const finish = (err?: Error) => {
      input.setRawMode(false);
      input.removeAllListeners('data');
      input.pause();
      if (err) reject(err);
      else resolve(text);
    };
    input.on('data', (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\x03') return finish(new Error('password prompt interrupted (Ctrl-C)'));
        if (ch === '\x04' && text === '') return finish(new Error('end of input (Ctrl-D) at the password prompt'));
        if (ch === '\x7f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    });
  });
}

/** One line of stdin, read synchronously byte by byte so nothing after the newline is consumed. */
function readStdinLine(): string {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue;
      throw new Error(`cannot read a password: no terminal and stdin is not readable (${(e as Error).message})`);
    }
    if (n === 0 || one[0] === 0x0a) break;
    bytes.push(one[0]!);
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r$/, '');
}
