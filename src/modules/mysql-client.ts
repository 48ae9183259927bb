// Runs SQL with the mariadb/mysql client on the target host: credentials in a 0600 temp option file, SQL on stdin.

import { randomBytes } from 'node:crypto';
import type { Become, Connection } from '../connection/types.js';
import type { ArgSpec, Change, DiffText } from './types.js';
import { MASK, reveal, type Secret } from '../vars/secret.js';
import { parseResultSets, splitByMarkers, wrapStatement, type StatementOutcome } from './mysql-output.js';
import { quoteString, SESSION_SETUP, type Sql } from './mysql-quote.js';

/** The login arguments every mysql_* module takes (community.mysql names). */
export const LOGIN_ARGS = {
  login_user: { type: 'str', default: 'root', description: 'User to connect as. The default, root through the Unix socket, works on Debian\'s MariaDB (root@localhost uses unix_socket) when the task runs as root or with become.' },
  login_password: { type: 'str', secret: true, description: 'Password of login_user (masked in output). Sent to the client in a 0600 temporary option file that is removed afterwards, never on a command line or in the environment.' },
  login_host: { type: 'str', description: 'Connect over TCP to this host (as seen from the target host). Default: the local server through its Unix socket.' },
  login_port: { type: 'int', default: 3306, description: 'TCP port, with login_host.' },
  login_unix_socket: { type: 'path', description: 'Unix socket of the server (default: the client\'s own default, e.g. /run/mysqld/mysqld.sock).' },
  connect_timeout: { type: 'int', default: 30, description: 'Seconds to wait for the connection.' },
} as const satisfies Record<string, ArgSpec>;

export interface MysqlLogin {
  readonly login_user: string;
  readonly login_password?: string | Secret;
  readonly login_host?: string;
  readonly login_port: number;
  readonly login_unix_socket?: string;
  readonly connect_timeout: number;
}

/** Where SQL runs: the host's connection and the task's become. */
export interface SqlTarget {
  readonly conn: Pick<Connection, 'exec'>;
  readonly become?: Become;
}

export interface BatchResult {
  readonly ok: boolean;
  /** one per statement that completed (all of them when ok) */
  readonly outcomes: readonly StatementOutcome[];
  /** the failure, secrets masked: which statement, and the server's or client's message */
  readonly error?: string;
}

// Constant script; every input is a positional argument. $1: byte count of the option file that
// starts stdin; $2: file to read SQL from ('-': the rest of stdin); $3/$4: preferred/fallback client.
// mktemp creates the option file 0600; the EXIT trap removes it whatever happens.
const RUN_SCRIPT = [
  'f=$(mktemp) || exit 125',
  'trap \'rm -f -- "$f"\' EXIT',
  "trap 'exit 129' HUP INT TERM",
  'dd bs=1 count="$1" of="$f" 2>/dev/null || exit 125',
  'if [ "$2" != - ]; then exec < "$2" || exit 125; fi',
  'if command -v "$3" >/dev/null 2>&1; then c=$3; else c=$4; fi',
  'shift 4',
  '"$c" --defaults-extra-file="$f" "$@"',
].join('\n');

function optionValue(v: string): string {
  return `"${v.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)}"`;
}

function optionFile(login: MysqlLogin): Buffer {
  const lines = ['[client]', `user=${optionValue(login.login_user)}`];
  if (login.login_password !== undefined) lines.push(`password=${optionValue(String(reveal(login.login_password)))}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

function connectArgs(login: MysqlLogin, timeout = true): string[] {
  const a = timeout ? [`--connect-timeout=${login.connect_timeout}`] : [];
  if (login.login_host !== undefined) a.push('--protocol=TCP', `--host=${login.login_host}`, `--port=${login.login_port}`);
  else if (login.login_unix_socket !== undefined) a.push('--protocol=SOCKET', `--socket=${login.login_unix_socket}`);
  return a;
}

/** "root via socket /x" / "app@10.0.0.1:3306", for messages. */
export function describeLogin(login: MysqlLogin): string {
  if (login.login_host !== undefined) return `${login.login_user}@${login.login_host}:${login.login_port}`;
  return `${login.login_user} via ${login.login_unix_socket ? `socket ${login.login_unix_socket}` : 'the default socket'}`;
}

/** Replaces every secret (and its SQL-escaped form) in text bound for a message. */
export function maskSecrets(text: string, secrets: readonly unknown[]): string {
  let out = text;
  const forms = secrets.map((s) => String(reveal(s))).filter((s) => s.length > 0)
    .flatMap((s) => [s, quoteString(s).slice(1, -1)]).sort((a, b) => b.length - a.length);
  for (const f of forms) out = out.split(f).join(MASK);
  return out;
}

interface ClientRun {
  readonly program: readonly [string, string];
  readonly args: readonly string[];
  readonly stdin: string;
  /** file on the host to feed the client instead of stdin */
  readonly inputFile?: string;
}

async function runClient(t: SqlTarget, login: MysqlLogin, run: ClientRun) {
  const opts = optionFile(login);
  const argv = ['sh', '-c', RUN_SCRIPT, 'sh', String(opts.length), run.inputFile ?? '-', ...run.program, ...run.args];
  return t.conn.exec(argv, { stdin: Buffer.concat([opts, Buffer.from(run.stdin)]), become: t.become });
}

function clientError(r: { exitCode: number | null; stderr: string; timedOut: boolean }, login: MysqlLogin, scriptLines = false): string {
  if (r.exitCode === 127) return 'neither the mariadb nor the mysql client was found on the host (install mariadb-client)';
  if (r.exitCode === 125) return 'could not create the temporary option file for the mysql client (mktemp/dd failed)';
  if (r.timedOut) return 'the mysql client timed out';
  const last = r.stderr.trim().split('\n').filter((l) => l.trim() !== '' && !/^-+$/.test(l)).pop() ?? `exit ${r.exitCode}`;
  // in a batch, line numbers count esbplay's generated text, not the user's
  const msg = scriptLines ? last : last.replace(/^(ERROR \d+ \(\w+\)) at line \d+:/, '$1:');
  if (/ERROR (1045|1130|2002|2003|2005|2013)\b/.test(msg)) return `cannot connect to MySQL as ${describeLogin(login)}: ${msg}`;
  return msg;
}

/**
 * Runs statements in one session, each followed by a marker row, so the caller learns per statement
 * its result sets, affected rows and warnings. The client stops at the first failing statement.
 */
export async function runStatements(t: SqlTarget, login: MysqlLogin, stmts: readonly Sql[], opts: { db?: string; transaction?: boolean; secrets?: readonly unknown[] } = {}): Promise<BatchResult> {
  const nonce = `esbplay-${randomBytes(8).toString('hex')}`;
  let text = `${SESSION_SETUP};\n`;
  if (opts.transaction) text += 'START TRANSACTION;\n';
  for (const s of stmts) text += wrapStatement(s.sql, nonce);
  if (opts.transaction) text += 'COMMIT;\n';
  const args = ['--batch', '--xml', '--binary-mode', '--default-character-set=utf8mb4', ...connectArgs(login), ...(opts.db ? [`--database=${opts.db}`] : [])];
  const r = await runClient(t, login, { program: ['mariadb', 'mysql'], args, stdin: text });
  const outcomes = splitByMarkers(parseResultSets(r.stdout), nonce);
  if (r.exitCode === 0 && outcomes.length === stmts.length) return { ok: true, outcomes };
  const secrets = [login.login_password, ...(opts.secrets ?? [])].filter((s) => s !== undefined);
  const msg = clientError(r, login);
  const failed = stmts[outcomes.length];
  const where = failed && /^ERROR \d+/.test(msg) && !msg.startsWith('cannot connect') ? `statement ${outcomes.length + 1} (${failed.display.slice(0, 200)}): ` : '';
  return { ok: false, outcomes, error: maskSecrets(`${where}${msg}`, secrets) };
}

/** Runs a whole SQL script (text, or a file on the host) in one session; it stops at the first error. */
export async function runScript(t: SqlTarget, login: MysqlLogin, script: { text: string } | { file: string }, opts: { db?: string } = {}): Promise<{ ok: boolean; error?: string }> {
  const args = ['--batch', '--binary-mode', '--default-character-set=utf8mb4', ...connectArgs(login), ...(opts.db ? [`--database=${opts.db}`] : [])];
  const r = 'text' in script
    ? await runClient(t, login, { program: ['mariadb', 'mysql'], args, stdin: script.text })
    : await runClient(t, login, { program: ['mariadb', 'mysql'], args, stdin: '', inputFile: script.file });
  if (r.exitCode === 0) return { ok: true };
  return { ok: false, error: maskSecrets(clientError(r, login, true), [login.login_password].filter((s) => s !== undefined)) };
}

/** Runs mysqldump (mariadb-dump) with argv after the connection options; output goes to --result-file. */
export async function runDump(t: SqlTarget, login: MysqlLogin, args: readonly string[]): Promise<{ ok: boolean; error?: string }> {
  const r = await runClient(t, login, { program: ['mariadb-dump', 'mysqldump'], args: [...connectArgs(login, false), ...args], stdin: '' });
  if (r.exitCode === 0) return { ok: true };
  return { ok: false, error: maskSecrets(clientError(r, login), [login.login_password].filter((s) => s !== undefined)) };
}

/** First rows of a statement's first result set (empty when it returned none). */
export function rowsOf(o: StatementOutcome | undefined): readonly Record<string, string | null>[] {
  return o?.resultSets[0]?.rows ?? [];
}

/** The login fields of validated args. */
export function loginOf(args: MysqlLogin): MysqlLogin {
  const { login_user, login_password, login_host, login_port, login_unix_socket, connect_timeout } = args;
  return { login_user, login_password, login_host, login_port, login_unix_socket, connect_timeout };
}

/** A custom change that runs SQL through the host's connection and fails the task with the (masked) error. */
export function sqlChange(summary: string, run: (t: SqlTarget) => Promise<{ ok: boolean; error?: string }>, diff?: DiffText): Change {
  return {
    kind: 'custom',
    summary,
    ...(diff ? { diff } : {}),
    async apply(ctx) {
      const r = await run({ conn: ctx.conn, become: ctx.become });
      if (!r.ok) throw new Error(`${summary}: ${r.error}`);
    },
  };
}
