// The mysql_db module: create and drop databases (changed only when it did), dump and import them.

import type { ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { LOGIN_ARGS, loginOf, rowsOf, runDump, runScript, runStatements, sqlChange, type MysqlLogin } from './mysql-client.js';
import { plainSql, quoteIdent, quoteString, type Sql } from './mysql-quote.js';
import { requireConn } from './file-common.js';

export interface MysqlDbArgs extends MysqlLogin {
  name: string[];
  state: 'present' | 'absent' | 'dump' | 'import';
  encoding?: string;
  collation?: string;
  target?: string;
  single_transaction: boolean;
}

interface DbInfo {
  readonly encoding: string;
  readonly collation: string;
}

export interface MysqlDbState {
  /** existing databases among the named ones */
  readonly existing?: Readonly<Record<string, DbInfo>>;
  /** for import: does target exist on the host */
  readonly targetExists?: boolean;
  readonly error?: string;
}

export const mysqlDbModule = {
  name: 'mysql_db',
  summary: 'Create or drop MySQL/MariaDB databases (changed only when it created or dropped one), dump them, or import a SQL file.',
  checkMode: 'full',
  schema: {
    args: {
      name: { type: 'list', elements: 'str', required: true, aliases: ['db'], description: 'Database name, or a list of names. With state dump, `all` dumps every database.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent', 'dump', 'import'], description: '`present`: CREATE DATABASE when missing. `absent`: DROP DATABASE when it exists. `dump`: mysqldump to `target` (always changed). `import`: run the SQL file `target` into the one named database (always changed; for a guarded schema script use mysql_schema).' },
      encoding: { type: 'str', description: 'Character set of a database created by this task (e.g. `utf8mb4`, or `latin1` as the WSO2 scripts expect). An existing database is not altered; the result reports its character set.' },
      collation: { type: 'str', description: 'Collation of a database created by this task (e.g. `latin1_swedish_ci`).' },
      target: { type: 'path', description: 'dump/import: the SQL file on the host.' },
      single_transaction: { type: 'bool', default: false, description: 'dump: `--single-transaction` (consistent InnoDB dump without locking).' },
      ...LOGIN_ARGS,
    },
    requiredIf: [['state', 'dump', ['target']], ['state', 'import', ['target']]],
  },

  async gather(ctx: ReadContext, args: MysqlDbArgs): Promise<MysqlDbState> {
    const conn = requireConn(ctx, 'mysql_db');
    if (args.state === 'dump') return {};
    if (args.state === 'import') return { targetExists: (await conn.stat(args.target!, { become: ctx.become })).exists };
    const list = args.name.map(quoteString).join(', ');
    const r = await runStatements({ conn, become: ctx.become }, loginOf(args), [
      plainSql(`SELECT SCHEMA_NAME AS name, DEFAULT_CHARACTER_SET_NAME AS enc, DEFAULT_COLLATION_NAME AS coll FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (${list})`),
    ]);
    if (!r.ok) return { error: r.error };
    const existing: Record<string, DbInfo> = {};
    for (const row of rowsOf(r.outcomes[0])) existing[row.name ?? ''] = { encoding: row.enc ?? '', collation: row.coll ?? '' };
    return { existing };
  },

  plan(args: MysqlDbArgs, cur: MysqlDbState, ctx): Plan {
    if (cur.error) return failPlan(cur.error);
    const login = loginOf(args);
    const base = { db: args.name.join(' '), db_list: args.name };
    if (args.state === 'dump') return planDump(args, login, base);
    if (args.state === 'import') {
      if (args.name.length !== 1 || args.name[0] === 'all') return failPlan('state import needs exactly one database name');
      if (!cur.targetExists && !ctx.checkMode) return failPlan(`target ${args.target} does not exist on the host`);
      const db = args.name[0]!;
      return {
        changes: [sqlChange(`import ${args.target} into ${db}`, async (t) => runScript(t, login, { file: args.target! }, { db }))],
        result: { ...base, executed_commands: [`import ${args.target}`] },
      };
    }
    const existing = cur.existing ?? {};
    const stmts: Sql[] = [];
    for (const name of args.name) {
      if (args.state === 'present' && !existing[name]) {
        const opts = `${args.encoding ? ` CHARACTER SET ${quoteIdent(args.encoding)}` : ''}${args.collation ? ` COLLATE ${quoteIdent(args.collation)}` : ''}`;
        stmts.push(plainSql(`CREATE DATABASE ${quoteIdent(name)}${opts}`));
      } else if (args.state === 'absent' && existing[name]) {
        stmts.push(plainSql(`DROP DATABASE ${quoteIdent(name)}`));
      }
    }
    const result = { ...base, executed_commands: stmts.map((s) => s.display), ...(args.name.length === 1 && existing[args.name[0]!] ? existing[args.name[0]!] : {}) };
    if (stmts.length === 0) {
      return { changes: [], result, noopReason: `${args.name.length > 1 ? 'databases' : 'database'} ${args.name.join(', ')} ${args.state === 'present' ? (args.name.length > 1 ? 'exist' : 'exists') : (args.name.length > 1 ? 'do not exist' : 'does not exist')}` };
    }
    return {
      changes: [sqlChange(stmts.map((s) => s.display).join('; '), (t) => runStatements(t, login, stmts))],
      result,
    };
  },
} satisfies ModuleDefinition<MysqlDbArgs, MysqlDbState>;

function planDump(args: MysqlDbArgs, login: MysqlLogin, base: Record<string, unknown>): Plan {
  const all = args.name.length === 1 && args.name[0] === 'all';
  const argv = [`--result-file=${args.target}`, ...(args.single_transaction ? ['--single-transaction'] : []),
    ...(all ? ['--all-databases'] : ['--databases', '--', ...args.name])];
  return {
    changes: [sqlChange(`dump ${all ? 'all databases' : args.name.join(', ')} to ${args.target}`, (t) => runDump(t, login, argv))],
    result: { ...base, executed_commands: [`mysqldump ${argv.join(' ')}`] },
  };
}
