// The one place that turns values into SQL text: string literals, identifiers, accounts, bound query arguments.

import { isSecret, MASK, reveal } from '../vars/secret.js';

/**
 * One SQL statement as sent (`sql`, may hold secrets) and as shown (`display`, secrets masked).
 * Every statement the mysql modules run is built as a pair so output never needs the raw text.
 */
export interface Sql {
  readonly sql: string;
  readonly display: string;
}

/**
 * A string literal for MariaDB/MySQL. The sessions esbplay opens clear NO_BACKSLASH_ESCAPES
 * (see SESSION_SETUP), so backslash escaping is exact; NUL is written as \0.
 */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\'\0]/g, (c) => (c === '\0' ? '\\0' : `\\${c}`))}'`;
}

/** A backquoted identifier (database, table, column). */
export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** 'user'@'host' */
export function quoteAccount(user: string, host: string): string {
  return `${quoteString(user)}@${quoteString(host)}`;
}

/** Statement the modules run first in every session, so quoteString is exact whatever the server's sql_mode. */
export const SESSION_SETUP = "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')";

/** A SQL pair from text with no secret. */
export function plainSql(sql: string): Sql {
  return { sql, display: sql };
}

/** A SQL pair whose secret parts are given as Secret values: masked in display, quoted in sql. */
export function sqlWithSecrets(parts: readonly (string | { literal: unknown })[]): Sql {
  let sql = '';
  let display = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      sql += p;
      display += p;
    } else {
      const text = quoteValue(p.literal);
      sql += text;
      display += isSecret(p.literal) ? MASK : text;
    }
  }
  return { sql, display };
}

/** A value as SQL: NULL, numbers and booleans bare, everything else a quoted string (Secrets revealed). */
export function quoteValue(value: unknown): string {
  const v = reveal(value);
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return quoteString(v);
  throw new Error(`cannot bind a ${Array.isArray(v) ? 'list' : typeof v} as an SQL value`);
}

/**
 * Binds arguments into a query the way community.mysql (PyMySQL) does: `%s` takes the next
 * positional argument, `%(name)s` a named one, `%%` is a literal `%`. Every value goes through quoteValue.
 */
export function bindArgs(query: string, positional?: readonly unknown[], named?: Readonly<Record<string, unknown>>): Sql {
  if (!positional && !named) return plainSql(query);
  let next = 0;
  const parts: (string | { literal: unknown })[] = [];
  let last = 0;
  const re = /%(%|s|\(([^)]+)\)s)/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    parts.push(query.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] === '%') {
      parts.push('%');
    } else if (m[2] !== undefined) {
      if (!named || !Object.hasOwn(named, m[2])) throw new Error(`query uses %(${m[2]})s but named_args has no '${m[2]}'`);
      parts.push({ literal: named[m[2]] });
    } else {
      if (!positional || next >= positional.length) throw new Error(`query has more %s placeholders than positional_args (${positional?.length ?? 0})`);
      parts.push({ literal: positional[next++] });
    }
  }
  parts.push(query.slice(last));
  if (positional && next !== positional.length) throw new Error(`positional_args has ${positional.length} values but the query uses ${next}`);
  return sqlWithSecrets(parts);
}
