// ssh2 loaded on first use: a run that opens no ssh connection (local hosts, --help, --dry-run, --syntax-check) never pays for it.
//
// ssh2 and what it pulls in (zlib, http agents, crypto setup, an optional native addon) were about
// 40-80 ms of the CLI's start even when no host is reached over ssh. The first connection awaits it.

import type ssh2Module from 'ssh2';

let loading: Promise<typeof ssh2Module> | undefined;

export function loadSsh2(): Promise<typeof ssh2Module> {
  loading ??= import('ssh2').then((m) => ((m as { default?: typeof ssh2Module }).default ?? (m as unknown as typeof ssh2Module)));
  return loading;
}
