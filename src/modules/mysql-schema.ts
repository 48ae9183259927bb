// The mysql_schema module: is a database's schema complete per its SQL script? Apply the script only to an empty schema.

import type { Change, ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { LOGIN_ARGS, loginOf, runScript, runStatements, type MysqlLogin, type SqlTarget } from './mysql-client.js';
import { plainSql, quoteString } from './mysql-quote.js';
import { scriptObjects, type ScriptObjects } from './mysql-script.js';
import { requireConn } from './file-common.js';

export interface MysqlSchemaArgs extends MysqlLogin {
  db: string;
  src: string;
  state: 'present' | 'verified';
}

export type SchemaStatus = 'complete' | 'empty' | 'partial' | 'no_database';

export interface SchemaReport {
  readonly status: SchemaStatus;
  readonly tablesExpected: number;
  readonly tablesPresent: number;
  readonly tablesMissing: readonly string[];
  readonly indexesMissing: readonly string[];
}

export interface MysqlSchemaState {
  /** the script's text; null when src does not exist on the host */
  readonly script?: string | null;
  readonly report?: SchemaReport;
  readonly error?: string;
}

export const mysqlSchemaModule = {
  name: 'mysql_schema',
  summary: 'Check a database against every table and index its SQL script creates; apply the script only to an empty schema, refuse a half-created one.',
  checkMode: 'full',
  schema: {
    args: {
      db: { type: 'str', required: true, aliases: ['name'], description: 'The database (create it first with mysql_db).' },
      src: { type: 'path', required: true, description: 'The SQL script on the host, e.g. `{{ carbon_home }}/dbscripts/mysql.sql`. Every `CREATE TABLE`/`CREATE VIEW` and `CREATE INDEX` in it is expected in `db`.' },
      state: { type: 'str', default: 'present', choices: ['present', 'verified'], description: '`present`: run the script when none of its tables exists, nothing when all tables and indexes exist, fail on anything in between. `verified`: never run anything; fail unless the schema is complete (for verify playbooks).' },
      ...LOGIN_ARGS,
    },
  },

  async gather(ctx: ReadContext, args: MysqlSchemaArgs): Promise<MysqlSchemaState> {
    const conn = requireConn(ctx, 'mysql_schema');
    const buf = await conn.readFile(args.src, { become: ctx.become });
    if (buf === null) return { script: null };
    const script = buf.toString('utf8');
    const objects = scriptObjects(script);
    if (objects.tables.length === 0) return { error: `${args.src} creates no tables (no CREATE TABLE statement): is it a schema script?` };
    const r = await readSchema({ conn, become: ctx.become }, loginOf(args), args.db, objects);
    return 'error' in r ? { error: r.error } : { script, report: r };
  },

  plan(args: MysqlSchemaArgs, cur: MysqlSchemaState, ctx): Plan {
    if (cur.error) return failPlan(cur.error);
    const base = { db: args.db, src: args.src };
    if (cur.script === null || !cur.report) {
      if (!ctx.checkMode || args.state === 'verified') return failPlan(`${args.src} does not exist on the host`, base);
      return { changes: [applyChange(args, null)], result: { ...base, msg: `${args.src} is not on the host yet (an earlier task would put it there): would apply it` } };
    }
    const rep = cur.report;
    const result = { ...base, ...reportFields(rep) };
    if (rep.status === 'complete') return { changes: [], result, noopReason: `${args.db} has all ${rep.tablesExpected} tables and the indexes of ${args.src}` };
    if (rep.status === 'partial') return failPlan(partialMessage(args, rep), result);
    if (args.state === 'verified') return failPlan(rep.status === 'no_database' ? `database ${args.db} does not exist` : `database ${args.db} has none of the ${rep.tablesExpected} tables of ${args.src}`, result);
    if (rep.status === 'no_database' && !ctx.checkMode) return failPlan(`database ${args.db} does not exist (create it with mysql_db first)`, result);
    return { changes: [applyChange(args, cur.script ?? null)], result };
  },
} satisfies ModuleDefinition<MysqlSchemaArgs, MysqlSchemaState>;

/** Reads which of the script's tables and indexes exist in DB. */
async function readSchema(t: SqlTarget, login: MysqlLogin, db: string, objects: ScriptObjects): Promise<SchemaReport | { error: string }> {
  const q = quoteString(db);
  const r = await runStatements(t, login, [
    plainSql(`SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ${q}`),
    plainSql(`SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${q}`),
    plainSql(`SELECT DISTINCT TABLE_NAME AS t, INDEX_NAME AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ${q}`),
  ]);
  if (!r.ok) return { error: r.error ?? 'reading the schema failed' };
  const [dbRows, tableRows, indexRows] = r.outcomes.map((o) => o.resultSets[0]?.rows ?? []);
  const tables = new Set(tableRows!.map((row) => (row.t ?? '').toLowerCase()));
  const indexes = new Set(indexRows!.map((row) => `${row.t ?? ''}.${row.i ?? ''}`.toLowerCase()));
  const tablesMissing = objects.tables.filter((t) => !tables.has(t.toLowerCase()));
  const indexesMissing = objects.indexes.filter((ix) => !indexes.has(`${ix.table}.${ix.name}`.toLowerCase())).map((ix) => `${ix.table}.${ix.name}`);
  const tablesPresent = objects.tables.length - tablesMissing.length;
  const status: SchemaStatus = Number(dbRows![0]?.n ?? 0) === 0 ? 'no_database'
    : tablesMissing.length === 0 && indexesMissing.length === 0 ? 'complete'
    : tablesPresent === 0 && indexesMissing.length === objects.indexes.length ? 'empty' : 'partial';
  return { status, tablesExpected: objects.tables.length, tablesPresent, tablesMissing, indexesMissing };
}

function reportFields(rep: SchemaReport): Record<string, unknown> {
  return {
    status: rep.status,
    complete: rep.status === 'complete',
    tables_expected: rep.tablesExpected,
    tables_present: rep.tablesPresent,
    tables_missing: rep.tablesMissing,
    indexes_missing: rep.indexesMissing,
  };
}

function list(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}

function partialMessage(args: MysqlSchemaArgs, rep: SchemaReport): string {
  const parts = [`database ${args.db} is half-created: it has ${rep.tablesPresent} of the ${rep.tablesExpected} tables of ${args.src}`];
  if (rep.tablesMissing.length) parts.push(`missing tables: ${list(rep.tablesMissing)}`);
  if (rep.indexesMissing.length) parts.push(`missing indexes: ${list(rep.indexesMissing)}`);
  return `${parts.join('; ')}. The script is not run on a half-created schema (it is not safe to run twice): restore the database, or drop it and run again.`;
}

function applyChange(args: MysqlSchemaArgs, script: string | null): Change {
  const login = loginOf(args);
  return {
    kind: 'custom',
    summary: `apply ${args.src} to the empty database ${args.db}`,
    async apply(ctx) {
      if (script === null) throw new Error(`${args.src} does not exist on the host`);
      const t = { conn: ctx.conn, become: ctx.become };
      const r = await runScript(t, login, { text: script }, { db: args.db });
      if (!r.ok) throw new Error(`applying ${args.src} to ${args.db} failed, the schema is now half-created: ${r.error}`);
      const after = await readSchema(t, login, args.db, scriptObjects(script));
      if ('error' in after) throw new Error(after.error);
      if (after.status !== 'complete') throw new Error(partialMessage(args, after));
      return { ...reportFields(after), applied: true };
    },
  };
}
