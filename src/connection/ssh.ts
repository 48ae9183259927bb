// The ssh transport: one ssh2 connection per host, exec channels (bounded), SFTP file transfer, one reconnect.

import type { Duplex } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import { UnreachableError } from '../errors.js';
import { reveal } from '../vars/secret.js';
import type { Become, CommandResult, Connection, ConnectionSpec, ExecOptions, FileStat, ReadOptions, StatAndContent, WriteOptions } from './types.js';
import { buildShellCommand, withPidReport } from './quote.js';
import { RemoteCommands, type RunningCommand } from './remote-commands.js';
import { interruptedResult } from './interrupted.js';
import { isNoSftpSubsystem, SftpUnavailable, SshFiles } from './ssh-files.js';
import type { SharedContents } from './shared-contents.js';
import { ChannelOpenLost, runOnChannel, type ChannelResult } from './ssh-channel.js';
import { connectClient, type NewHostKeyListener, type OpenedClient } from './ssh-connect.js';
import { Semaphore } from './semaphore.js';

export interface SshOptions {
  /** concurrent exec channels (sshd's MaxSessions is 10 by default; one more is the SFTP channel) */
  readonly maxChannels?: number;
  /** how readFile/writeFile move bytes: one SFTP channel (default, faster) or cat/base64 over exec */
  readonly fileTransfer?: 'sftp' | 'exec';
  /** told when an unknown host key was trusted on first use and recorded */
  readonly onNewHostKey?: NewHostKeyListener;
  /** shared by the run's connections: a content read from several hosts is held once */
  readonly contents?: SharedContents;
}

interface Live extends OpenedClient {
  alive: boolean;
  /** settles when the connection goes away (for operations that would otherwise wait forever) */
  readonly dropped: Promise<void>;
  sftp?: Promise<SFTPWrapper>;
}

/** Opens the connection now (so an unreachable host fails here, as UnreachableError). */
export async function openSsh(spec: ConnectionSpec, opts: SshOptions = {}): Promise<SshConnection> {
  const conn = new SshConnection(spec, opts);
  await conn.connect();
  return conn;
}

export class SshConnection implements Connection {
  readonly transport = 'ssh';
  readonly host: string;
  readonly #spec: ConnectionSpec;
  readonly #channels: Semaphore;
  readonly #user: string | undefined;
  #live: Live | undefined;
  #connecting: Promise<Live> | undefined;
  #dead: UnreachableError | undefined;
  #closed = false;
  #reconnects = 0;
  /** the same connection, but its exec retries once after a reconnect: for idempotent file scripts */
  readonly #idempotent: Connection;
  /** read, stat and write over SFTP or exec scripts */
  readonly #files: SshFiles;
  /** commands running now, so an interrupt can end them */
  readonly #commands = new RemoteCommands((cmd, sig) => this.#killRemote(cmd, sig));
  readonly #onNewHostKey: NewHostKeyListener | undefined;

  constructor(spec: ConnectionSpec, opts: SshOptions = {}) {
    this.host = spec.host;
    this.#onNewHostKey = opts.onNewHostKey;
    this.#spec = spec;
    this.#user = spec.user;
    this.#channels = new Semaphore(opts.maxChannels ?? 8);
    this.#idempotent = {
      host: this.host,
      transport: this.transport,
      exec: (argv, o) => this.#exec(argv, o ?? {}, true),
      readFile: (p, o) => this.readFile(p, o),
      writeFile: (p, d, o) => this.writeFile(p, d, o),
      stat: (p, o) => this.stat(p, o),
      connectTcp: (h, p, t) => this.connectTcp(h, p, t),
      close: () => this.close(),
    };
    this.#files = new SshFiles({
      transfer: opts.fileTransfer ?? 'sftp', exec: this.#idempotent, withSftp: (fn) => this.#withSftp(fn), interrupted: () => this.#commands.interrupted, contents: opts.contents,
    });
  }

  /** true when host keys are not verified (hostKeyChecking: false); the caller should warn about it */
  get hostKeyCheckingDisabled(): boolean {
    return this.#spec.hostKeyChecking === false;
  }

  /** how many times a dropped connection was re-established */
  get reconnects(): number {
    return this.#reconnects;
  }

  async connect(): Promise<void> {
    await this.#session();
  }

  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<CommandResult> {
    return this.#exec(argv, opts, false);
  }

  readFile(file: string, opts: ReadOptions = {}): Promise<Buffer | null> {
    return this.#files.read(file, this.#become(opts.become));
  }

  stat(file: string, opts: ReadOptions = {}): Promise<FileStat> {
    return this.#files.stat(file, this.#become(opts.become));
  }

  readWithStat(file: string, opts: ReadOptions = {}): Promise<StatAndContent> {
    return this.#files.readWithStat(file, this.#become(opts.become));
  }

  writeFile(file: string, data: Buffer, opts: WriteOptions = {}): Promise<void> {
    return this.#files.write(file, data, { ...opts, become: this.#become(opts.become) });
  }

  /** false when files move over exec scripts (asked for, or the host has no SFTP subsystem) */
  get usesSftp(): boolean {
    return this.#files.usesSftp;
  }

  async connectTcp(host: string, port: number, timeoutMs = 10_000): Promise<Duplex> {
    return this.#retryOnce(async (live) => {
      const stream = await new Promise<Duplex>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out connecting to ${host}:${port} from ${this.host}`)), timeoutMs);
        try {
          live.client.forwardOut('127.0.0.1', 0, host, port, (e, s) => {
            clearTimeout(timer);
            if (e) reject(new Error(`cannot connect to ${host}:${port} from ${this.host}: ${e.message}`));
            else resolve(s);
          });
        } catch (e) {
          clearTimeout(timer);
          reject(e);
        }
      });
      return stream;
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const live = this.#live;
    this.#live = undefined;
    if (!live) return;
    await new Promise<void>((resolve) => {
      live.client.once('close', () => resolve());
      live.client.end();
      setTimeout(resolve, 2000).unref();
    });
    live.jump?.end();
  }

  /** become is skipped when we already log in as the target user (root -> root needs no sudo) */
  #become(b: Become | undefined): Become | undefined {
    if (!b) return undefined;
    return (b.user ?? 'root') === this.#user ? undefined : b;
  }

  /** The run was interrupted: running commands end (TERM to their process group, then KILL), later ones do not start, writes not yet renamed are abandoned. */
  interrupt(): Promise<void> {
    return this.#commands.interrupt();
  }

  /** kill(1) on the host for a running command's process group, on its own channel (the slots may all be busy). */
  async #killRemote(cmd: RunningCommand, signal: 'TERM' | 'KILL'): Promise<void> {
    const live = this.#live;
    if (!live?.alive || cmd.pid === undefined) return;
    const line = buildShellCommand(['kill', `-${signal}`, '--', `-${cmd.pid}`], { become: cmd.become });
    const stdin = cmd.become?.password !== undefined ? Buffer.from(`${String(reveal(cmd.become.password))}\n`) : undefined;
    await runOnChannel(live.client, line, { stdin, timeoutMs: 5000, isAlive: () => live.alive, label: this.host });
  }

  async #exec(argv: readonly string[], opts: ExecOptions, retryable: boolean): Promise<CommandResult> {
    if (this.#commands.interrupted) return interruptedResult(argv);
    this.#files.ids.invalidate(); // a command may add users or groups
    const become = this.#become(opts.become);
    const timeoutMs = opts.timeoutMs ?? this.#spec.commandTimeoutMs;
    // sshd ignores "signal" requests (OpenSSH: "session signalling requires privilege separation"),
    // so the remote side enforces the limit with timeout(1); closing the channel is only a fallback
    const limited = timeoutMs ? ['timeout', '-k', '2', String(timeoutMs / 1000), ...argv] : argv;
    const line = buildShellCommand(limited, { env: opts.env, cwd: opts.cwd, become });
    let stdin = opts.stdin === undefined ? undefined : Buffer.isBuffer(opts.stdin) ? opts.stdin : Buffer.from(opts.stdin);
    if (become?.password !== undefined) {
      stdin = Buffer.concat([Buffer.from(`${String(reveal(become.password))}\n`), stdin ?? Buffer.alloc(0)]);
    }
    const started = Date.now();
    const fallbackMs = timeoutMs ? timeoutMs + 5000 : undefined;
    const running = this.#commands.start(become);
    const r = await this.#channels.use(() => this.#runLine(withPidReport(line), stdin, fallbackMs, retryable, opts.unboundedOutput, (pid) => this.#commands.reported(running, pid)))
      .finally(() => {
        this.#commands.finish(running);
        this.#files.ids.invalidate();
      });
    const durationMs = Date.now() - started;
    // timeout(1) exits 124 after TERM, 137 after the KILL that follows -k
    if (timeoutMs && !r.timedOut && (r.exitCode === 124 || r.exitCode === 137) && durationMs >= timeoutMs) {
      return { command: line, argv: [...argv], ...r, exitCode: null, signal: r.exitCode === 124 ? 'SIGTERM' : 'SIGKILL', timedOut: true, durationMs };
    }
    return { command: line, argv: [...argv], ...r, durationMs };
  }

  async #runLine(line: string, stdin: Buffer | undefined, timeoutMs: number | undefined, retryable: boolean, unboundedOutput?: boolean, onPid?: (pid: number) => void): Promise<Omit<ChannelResult, 'lost'>> {
    for (let attempt = 0; ; attempt++) {
      const live = await this.#session();
      let r: ChannelResult;
      try {
        r = await runOnChannel(live.client, line, { stdin, timeoutMs, isAlive: () => live.alive, label: this.host, unboundedOutput, onPid });
      } catch (e) {
        if (!(e instanceof ChannelOpenLost)) throw e;
        live.alive = false; // the command never started: safe to run after reconnecting
        if (attempt > 0) throw this.#lostAgain();
        continue;
      }
      const { lost, ...result } = r;
      if (!lost) return result;
      live.alive = false;
      if (attempt > 0) throw this.#lostAgain();
      if (retryable) continue;
      await this.#session(); // reconnect once; throws UnreachableError when the host is gone
      return {
        ...result,
        exitCode: null,
        stderr: `${result.stderr}esbplay: the connection to ${this.host} dropped while the command ran; ` +
          'reconnected, but whether the command completed is unknown\n',
      };
    }
  }

  async #withSftp<T>(fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    return this.#retryOnce(async (live) => {
      live.sftp ??= new Promise<SFTPWrapper>((resolve, reject) => {
        try {
          live.client.sftp((e, s) => (e ? reject(isNoSftpSubsystem(e) ? new SftpUnavailable(e.message) : e) : resolve(s)));
        } catch (e) {
          reject(e);
        }
      });
      live.sftp.catch(() => (live.sftp = undefined));
      return fn(await live.sftp);
    });
  }

  /** Runs an idempotent operation; when the connection drops under it, reconnects once and runs it again. */
  async #retryOnce<T>(fn: (live: Live) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const live = await this.#session();
      try {
        const lost = live.dropped.then(() => Promise.reject(new Error(`connection to ${this.host} lost`)));
        lost.catch(() => undefined);
        return await Promise.race([fn(live), lost]);
      } catch (e) {
        if (live.alive) throw e;
        if (attempt > 0) throw this.#lostAgain();
      }
    }
  }

  #lostAgain(): UnreachableError {
    this.#dead = new UnreachableError(`${this.host}: the connection dropped again right after reconnecting`, this.host);
    return this.#dead;
  }

  /** The live session; after a drop, exactly one reconnect attempt, whose failure makes the host unreachable. */
  #session(): Promise<Live> {
    if (this.#dead) return Promise.reject(this.#dead);
    if (this.#closed) return Promise.reject(new Error(`connection to ${this.host} is closed`));
    if (this.#live?.alive) return Promise.resolve(this.#live);
    if (!this.#connecting) {
      const reconnecting = this.#live !== undefined;
      this.#connecting = connectClient(this.#spec, this.#onNewHostKey).then(
        (opened) => {
          let signalDrop = () => {};
          const live: Live = { ...opened, alive: true, dropped: new Promise<void>((r) => (signalDrop = r)) };
          const down = () => {
            live.alive = false;
            signalDrop();
          };
          opened.client.on('end', down).on('close', down).on('error', () => undefined);
          this.#live = live;
          if (reconnecting) this.#reconnects++;
          return live;
        },
        (e: unknown) => {
          const why = e instanceof Error ? e.message : String(e);
          if (reconnecting) this.#dead = new UnreachableError(`${this.host}: connection lost; reconnecting failed: ${why}`, this.host);
          throw this.#dead ?? (e instanceof UnreachableError ? e : new UnreachableError(why, this.host));
        },
      ).finally(() => (this.#connecting = undefined));
    }
    return this.#connecting;
  }
}
