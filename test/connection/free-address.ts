// A free lab loopback address (127.10.x.y) for a server a test starts on the given port.

import { isAddressFree } from '../lab/lab-sshd.js';

export async function freeLabAddress(port: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const a = `127.10.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    if (await isAddressFree(a, port)) return a;
  }
  throw new Error(`no free 127.10.x.y address for port ${port}`);
}
