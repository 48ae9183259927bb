// The connection contract every transport (local, ssh) implements; modules and the executor use only this.

import type { Duplex } from 'node:stream';
import type { Secret } from '../vars/secret.js';

/** Privilege escalation for one operation: `sudo -n` to `user` (root by default). */
export interface Become {
  readonly user?: string;
  /** sudo password; when set, sudo runs with -S and reads it from stdin (never on a command line). */
  readonly password?: string | Secret;
}

export interface ExecOptions {
  readonly stdin?: string | Buffer;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly become?: Become;
  /** kill the command after this many ms; the result then has timedOut: true */
  readonly timeoutMs?: number;
  /**
   * Keep all of stdout in memory (file reads over exec need every byte). Otherwise output beyond
   * a few MiB per stream spills to a file on the controller (CommandResult.stdoutFile).
   */
  readonly unboundedOutput?: boolean;
}

/** One shape for every command result, successful or not (execa style). */
export interface CommandResult {
  /** display form of the command, secrets masked by the caller's Masker */
  readonly command: string;
  readonly argv: readonly string[];
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** set when stdout was too big to keep: the file on the controller holding all of it (stdout has its head and tail) */
  readonly stdoutFile?: string;
  readonly stderrFile?: string;
}

export interface FileStat {
  readonly exists: boolean;
  readonly type?: 'file' | 'directory' | 'symlink' | 'other';
  /** permission bits only (e.g. 0o644) */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly owner?: string;
  readonly group?: string;
  readonly size?: number;
  readonly mtimeMs?: number;
  /** for symlinks: where the link points */
  readonly linkTarget?: string;
}

/** A path's lstat-like stat, and its bytes when it is a regular file (else null). */
export interface StatAndContent {
  readonly stat: FileStat;
  readonly content: Buffer | null;
}

export interface WriteOptions {
  /** permission bits for the file; default: keep the existing file's, else 0o644 (umask-free) */
  readonly mode?: number;
  /** user name or numeric id; default: keep the existing file's */
  readonly owner?: string;
  readonly group?: string;
  readonly become?: Become;
  /**
   * Ansible's unsafe_writes: when the target cannot be replaced by a rename (it is a mount point,
   * e.g. a bind-mounted /etc/hosts), rewrite it in place instead of failing. Off by default.
   */
  readonly unsafeWrites?: boolean;
}

export interface ReadOptions {
  readonly become?: Become;
}

/**
 * A connection to one host. One instance per host for a whole run.
 * - exec runs argv with no local shell; remote transports quote argv with quote.ts only.
 * - writeFile is atomic: a temp file in the same directory, fsync, then rename over the target,
 *   keeping the old file's mode and owner unless told otherwise. A reader never sees half a file.
 */
export interface Connection {
  readonly host: string;
  /** 'local' or 'ssh' */
  readonly transport: string;
  exec(argv: readonly string[], opts?: ExecOptions): Promise<CommandResult>;
  /** The file's bytes, or null when it does not exist. */
  readFile(path: string, opts?: ReadOptions): Promise<Buffer | null>;
  writeFile(path: string, data: Buffer, opts?: WriteOptions): Promise<void>;
  /** lstat-like: does not follow a final symlink. */
  stat(path: string, opts?: ReadOptions): Promise<FileStat>;
  /**
   * Optional: stat() and, when it is a regular file, readFile() of the same path at once (fewer
   * round trips). Callers fall back to stat() then readFile() when a connection lacks it.
   */
  readWithStat?(path: string, opts?: ReadOptions): Promise<StatAndContent>;
  /**
   * A TCP stream to host:port as seen FROM this host (local: net.connect; ssh: forwardOut),
   * so uri/wait_for reach services bound to the host's own loopback.
   */
  connectTcp(host: string, port: number, timeoutMs?: number): Promise<Duplex>;
  close(): Promise<void>;
  /**
   * The run was interrupted: end running commands (TERM to their process group, KILL after a
   * grace period), start no new ones, abandon writes not yet renamed over their target.
   */
  interrupt?(): Promise<void>;
  /** A second interrupt: kill what runs now, synchronously (the process exits right after). */
  killNow?(): void;
}

/** Everything needed to open a connection to one host, taken from its variables. */
export interface ConnectionSpec {
  readonly host: string;
  readonly transport: 'local' | 'ssh';
  readonly address?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string | Secret;
  readonly privateKeyFile?: string;
  readonly knownHostsFile?: string;
  readonly hostKeyChecking?: boolean;
  readonly acceptNewHostKeys?: boolean;
  readonly jumpHost?: string;
  readonly connectTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
  /**
   * For the local transport: a directory that stands in for "/" on this host, so several
   * inventory hosts can live on one machine (absolute paths are re-rooted under it).
   */
  readonly root?: string;
}
