// Batches an ssh socket's writes: packets written before the event loop moves on leave in one writev, not one syscall each.
//
// ssh2 writes every SSH packet with its own socket.write(). Requests sent back to back (an SFTP lstat
// and open, the reads of a file, several hosts' channels opening) each cost a syscall, and on
// loopback each syscall also runs the receiving side's TCP work. Corking the socket on the first
// write and uncorking it once the current macrotask and its microtasks are done sends them together.

import type { Socket } from 'node:net';

/** Wraps socket.write (the method ssh2 calls) so writes of one event-loop turn go out together. */
export function coalesceWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const flush = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = ((...args: unknown[]) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(flush);
    }
    return write(...args);
  }) as Socket['write'];
}
