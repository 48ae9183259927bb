// Opens the Connection a ConnectionSpec asks for: the local transport, or ssh (connected eagerly).

import type { Connection, ConnectionSpec } from './types.js';
import { LocalConnection } from './local.js';
import { openSsh, type SshOptions } from './ssh.js';

/** Throws UnreachableError when an ssh host cannot be reached or its host key is refused. */
export async function openConnection(spec: ConnectionSpec, opts: SshOptions = {}): Promise<Connection> {
  if (spec.transport === 'local') return new LocalConnection(spec.host);
  return openSsh(spec, opts);
}
