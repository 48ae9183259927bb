// The mysql_query module: run queries with bound arguments; reads run even in check mode, writes report what they changed.

import type { ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { LOGIN_ARGS, loginOf, runStatements, type MysqlLogin } from './mysql-client.js';
import type { StatementOutcome } from './mysql-output.js';
import { bindArgs, type Sql } from './mysql-quote.js';
import { firstKeyword, isReadOnly } from './mysql-script.js';
import { requireConn } from './file-common.js';

export interface MysqlQueryArgs extends MysqlLogin {
  query: unknown;
  positional_args?: unknown[];
  named_args?: Record<string, unknown>;
  login_db?: string;
  single_transaction: boolean;
}

export interface MysqlQueryState {
  readonly statements?: readonly Sql[];
  /** set when every query only reads: they already ran while gathering */
  readonly read?: readonly StatementOutcome[];
  readonly error?: string;
}

const DDL = new Set(['CREATE', 'DROP', 'ALTER', 'RENAME', 'TRUNCATE', 'GRANT', 'REVOKE']);
const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'LOAD']);
/** notes a statement with IF [NOT] EXISTS leaves when it did nothing */
const NOTHING_DONE = /already exists|database exists|doesn't exist|does not exist|Unknown table|Can't drop/i;

export const mysqlQueryModule = {
  name: 'mysql_query',
  summary: 'Run SQL queries with safely bound arguments; SELECT/SHOW run even in check mode and never count as a change, DML/DDL report changed only when they changed rows or the schema.',
  checkMode: 'partial',
  schema: {
    args: {
      query: { type: 'raw', required: true, description: 'A query or a list of queries, run in order in one session. With arguments, `%s` / `%(name)s` are placeholders and a literal `%` is written `%%`.' },
      positional_args: { type: 'list', description: 'Values for the `%s` placeholders, in order; each is quoted by esbplay\'s one SQL escaping function (strings, numbers, booleans, null; a secret value stays masked in output).' },
      named_args: { type: 'dict', description: 'Values for `%(name)s` placeholders.' },
      login_db: { type: 'str', description: 'Database the queries run in.' },
      single_transaction: { type: 'bool', default: false, description: 'Run all queries in one transaction: any failure rolls back every one of them (DDL still commits implicitly, as in MySQL).' },
      ...LOGIN_ARGS,
    },
    mutuallyExclusive: [['positional_args', 'named_args']],
  },

  async gather(ctx: ReadContext, args: MysqlQueryArgs): Promise<MysqlQueryState> {
    const conn = requireConn(ctx, 'mysql_query');
    const queries = Array.isArray(args.query) ? args.query : [args.query];
    if (queries.length === 0 || queries.some((q) => typeof q !== 'string' || q.trim() === '')) {
      return { error: 'query must be a non-empty string or a list of non-empty strings' };
    }
    let statements: Sql[];
    try {
      statements = (queries as string[]).map((q) => bindArgs(q, args.positional_args, args.named_args));
    } catch (e) {
      return { error: (e as Error).message };
    }
    if (!statements.every((s) => isReadOnly(s.sql))) return { statements };
    const r = await runStatements({ conn, become: ctx.become }, loginOf(args), statements, { db: args.login_db, secrets: secretsOf(args) });
    if (!r.ok) return { error: r.error };
    return { statements, read: r.outcomes };
  },

  plan(args: MysqlQueryArgs, cur: MysqlQueryState): Plan {
    if (cur.error || !cur.statements) return failPlan(cur.error ?? 'no query');
    const statements = cur.statements;
    const executed = statements.map((s) => s.display);
    if (cur.read) {
      return { changes: [], changed: false, result: { ...resultOf(cur.read), executed_queries: executed }, noopReason: `${statements.length} read-only quer${statements.length === 1 ? 'y' : 'ies'} ran` };
    }
    const login = loginOf(args);
    return {
      changes: [{
        kind: 'custom',
        summary: executed.join('; '),
        async apply(ctx) {
          const r = await runStatements({ conn: ctx.conn, become: ctx.become }, login, statements, { db: args.login_db, transaction: args.single_transaction, secrets: secretsOf(args) });
          if (!r.ok) throw new Error(`${r.error}${args.single_transaction ? ' (the transaction was rolled back)' : ''}`);
          return { ...resultOf(r.outcomes), changed: r.outcomes.some((o, i) => statementChanged(statements[i]!.sql, o)) };
        },
      }],
      result: { executed_queries: executed },
    };
  },
} satisfies ModuleDefinition<MysqlQueryArgs, MysqlQueryState>;

function secretsOf(args: MysqlQueryArgs): unknown[] {
  return [...(args.positional_args ?? []), ...Object.values(args.named_args ?? {})];
}

/** community.mysql's rule: DDL changes the schema; DML changes when it affected rows. Plus: IF [NOT] EXISTS that did nothing is no change. */
export function statementChanged(sql: string, o: StatementOutcome): boolean {
  const kw = firstKeyword(sql);
  if (DDL.has(kw)) return !o.warnings.some((w) => NOTHING_DONE.test(w.message));
  if (DML.has(kw)) return o.rowCount > 0;
  return false;
}

/** query_result (rows per query, values as strings or null) and rowcount (rows returned or affected). */
function resultOf(outcomes: readonly StatementOutcome[]): Record<string, unknown> {
  return {
    query_result: outcomes.map((o) => o.resultSets[0]?.rows ?? []),
    rowcount: outcomes.map((o) => (o.resultSets[0] ? o.resultSets[0].rows.length : Math.max(o.rowCount, 0))),
  };
}
