// Parses the mysql client's --xml output into result sets, split per statement by esbplay's marker rows.

import { DOMParser } from '@xmldom/xmldom';

export type Row = Record<string, string | null>;

export interface ResultSet {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export interface SqlWarning {
  readonly level: string;
  readonly code: number;
  readonly message: string;
}

/** What one statement produced: its result sets (none for DML/DDL), affected rows, warnings. */
export interface StatementOutcome {
  readonly resultSets: readonly ResultSet[];
  /** ROW_COUNT() right after the statement: affected rows for DML, 0 for DDL, -1 for SELECT/SHOW */
  readonly rowCount: number;
  readonly warnings: readonly SqlWarning[];
}

const XML_DECL = '<?xml version="1.0"?>';

/** Every `<resultset>` document in the client's output, in order. */
export function parseResultSets(stdout: string): ResultSet[] {
  const out: ResultSet[] = [];
  for (const doc of stdout.split(XML_DECL)) {
    if (!doc.includes('<resultset')) continue;
    const parsed = new DOMParser({ onError: () => undefined }).parseFromString(doc.trim(), 'text/xml');
    const root = parsed.documentElement;
    if (!root || root.nodeName !== 'resultset') continue;
    const rows: Row[] = [];
    const columns: string[] = [];
    const rowEls = root.getElementsByTagName('row');
    for (let i = 0; i < rowEls.length; i++) {
      const row: Row = {};
      const fields = rowEls[i]!.getElementsByTagName('field');
      for (let j = 0; j < fields.length; j++) {
        const f = fields[j]!;
        const name = f.getAttribute('name') ?? '';
        if (i === 0) columns.push(name);
        row[name] = f.getAttribute('xsi:nil') === 'true' ? null : (f.textContent ?? '');
      }
      rows.push(row);
    }
    out.push({ columns, rows });
  }
  return out;
}

/**
 * One statement wrapped for splitByMarkers: a DO that reads a table first (it clears the warning list,
 * which SET/CREATE USER/DDL without warnings leave alone), then the statement, then a marker row with
 * ROW_COUNT() and @@warning_count, then SHOW WARNINGS.
 */
export function wrapStatement(sql: string, nonce: string): string {
  return `DO (SELECT 1 FROM information_schema.ENGINES LIMIT 1);\n${sql.replace(/;\s*$/, '')};\n` +
    `SELECT '${nonce}' AS esbplay_marker, ROW_COUNT() AS esbplay_rc, @@warning_count AS esbplay_wc;\nSHOW WARNINGS;\n`;
}

function isMarker(rs: ResultSet, nonce: string): boolean {
  return rs.columns[0] === 'esbplay_marker' && rs.rows[0]?.esbplay_marker === nonce;
}

/**
 * Splits the result sets of a marked batch into per-statement outcomes. Each statement's own result
 * sets come first, then its marker row, then the SHOW WARNINGS result set.
 */
export function splitByMarkers(sets: readonly ResultSet[], nonce: string): StatementOutcome[] {
  const out: StatementOutcome[] = [];
  let own: ResultSet[] = [];
  for (let i = 0; i < sets.length; i++) {
    const rs = sets[i]!;
    if (!isMarker(rs, nonce)) {
      own.push(rs);
      continue;
    }
    const row = rs.rows[0]!;
    const warnCount = Number(row.esbplay_wc ?? 0);
    const warnSet = sets[i + 1];
    i++;
    const warnings = warnCount > 0 && warnSet
      ? warnSet.rows.map((w) => ({ level: w.Level ?? '', code: Number(w.Code ?? 0), message: w.Message ?? '' }))
      : [];
    out.push({ resultSets: own, rowCount: Number(row.esbplay_rc ?? -1), warnings });
    own = [];
  }
  return out;
}
