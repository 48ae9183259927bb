// MySQL privileges: community.mysql's priv strings/dicts and SHOW GRANTS parsed to one form, and the GRANT/REVOKE difference.

import { quoteIdent, plainSql, type Sql } from './mysql-quote.js';

/** Privileges on one object; `ALL` stands for ALL PRIVILEGES; `grant` is WITH GRANT OPTION. */
export interface ObjPrivs {
  readonly privs: ReadonlySet<string>;
  readonly grant: boolean;
}

/** object key (`db.*`, `*.*`, `db.table`, `PROCEDURE db.p`) -> privileges */
export type PrivMap = ReadonlyMap<string, ObjPrivs>;

const KNOWN = new Set([
  'ALL', 'ALTER', 'ALTER ROUTINE', 'BINLOG ADMIN', 'BINLOG MONITOR', 'BINLOG REPLAY', 'CONNECTION ADMIN', 'CREATE',
  'CREATE ROUTINE', 'CREATE TABLESPACE', 'CREATE TEMPORARY TABLES', 'CREATE USER', 'CREATE VIEW', 'DELETE',
  'DELETE HISTORY', 'DROP', 'EVENT', 'EXECUTE', 'FEDERATED ADMIN', 'FILE', 'INDEX', 'INSERT', 'LOCK TABLES', 'PROCESS',
  'READ_ONLY ADMIN', 'REFERENCES', 'RELOAD', 'REPLICA MONITOR', 'REPLICATION CLIENT', 'REPLICATION MASTER ADMIN',
  'REPLICATION SLAVE', 'REPLICATION SLAVE ADMIN', 'SELECT', 'SET USER', 'SHOW CREATE ROUTINE', 'SHOW DATABASES',
  'SHOW VIEW', 'SHUTDOWN', 'SLAVE MONITOR', 'SUPER', 'TRIGGER', 'UPDATE',
]);

const PART = '(`(?:[^`]|``)*`|[^.`\\s]+)';
const OBJECT_RE = new RegExp(`^(?:(FUNCTION|PROCEDURE|TABLE)\\s+)?${PART}\\.${PART}$`, 'i');

function unquote(part: string): string {
  return part.startsWith('`') ? part.slice(1, -1).replace(/``/g, '`') : part;
}

/** `db.*` / `` `db`.`t` `` / `PROCEDURE db.p` -> canonical key (names unquoted), or undefined. */
export function normalizeObject(text: string): string | undefined {
  const m = OBJECT_RE.exec(text.trim());
  if (!m) return undefined;
  const kind = m[1] && m[1].toUpperCase() !== 'TABLE' ? `${m[1].toUpperCase()} ` : '';
  return `${kind}${unquote(m[2]!)}.${unquote(m[3]!)}`;
}

/** The canonical key as SQL: `` `db`.* ``. */
export function objectSql(key: string): string {
  const m = /^(?:(FUNCTION|PROCEDURE) )?(.*)$/.exec(key)!;
  const body = m[2]!;
  // the database part is everything up to the last dot (table names with dots need backquotes in YAML)
  const dot = body.lastIndexOf('.');
  const q = (s: string) => (s === '*' ? '*' : quoteIdent(s));
  return `${m[1] ? `${m[1]} ` : ''}${q(body.slice(0, dot))}.${q(body.slice(dot + 1))}`;
}

/** Splits on commas outside parentheses (column lists). */
function splitPrivs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** `select (`Id`, b)` -> `SELECT (id, b)`; ALL PRIVILEGES -> ALL. */
function normalizePriv(p: string): string {
  const m = /^([A-Za-z_ ]+?)\s*(?:\(([^)]*)\))?$/.exec(p.trim());
  if (!m) return p.trim().toUpperCase();
  const name = m[1]!.toUpperCase().replace(/\s+/g, ' ');
  const base = name === 'ALL PRIVILEGES' ? 'ALL' : name;
  if (m[2] === undefined) return base;
  const cols = m[2].split(',').map((c) => unquote(c.trim()).toLowerCase()).sort();
  return `${base} (${cols.join(', ')})`;
}

function parsePrivList(text: string, where: string): ObjPrivs {
  const privs = new Set<string>();
  let grant = false;
  for (const raw of splitPrivs(text)) {
    const p = normalizePriv(raw);
    if (p === 'GRANT' || p === 'GRANT OPTION') grant = true;
    else if (p !== 'USAGE') {
      if (!KNOWN.has(p.replace(/ \(.*\)$/, ''))) throw new Error(`unknown privilege '${raw}' in ${where}`);
      privs.add(p);
    }
  }
  if (privs.has('ALL')) return { privs: new Set(['ALL']), grant };
  return { privs, grant };
}

/** community.mysql's `priv`: 'db.*:ALL,GRANT/db2.*:SELECT' or {db.*: 'ALL,GRANT'}. Throws on bad input. */
export function parsePrivArg(priv: unknown): PrivMap {
  const entries: [string, string][] = [];
  if (typeof priv === 'string') {
    for (const part of priv.split('/').map((s) => s.trim()).filter(Boolean)) {
      const colon = part.lastIndexOf(':');
      if (colon < 0) throw new Error(`priv entry '${part}' must be OBJECT:PRIVILEGES, e.g. 'wso2_reg.*:ALL'`);
      entries.push([part.slice(0, colon), part.slice(colon + 1)]);
    }
  } else if (priv && typeof priv === 'object' && !Array.isArray(priv)) {
    for (const [k, v] of Object.entries(priv)) entries.push([k, Array.isArray(v) ? v.join(',') : String(v)]);
  } else throw new Error("priv must be a string like 'db.*:ALL/db2.*:SELECT' or a mapping of object to privileges");
  const out = new Map<string, ObjPrivs>();
  for (const [obj, list] of entries) {
    const key = normalizeObject(obj);
    if (!key) throw new Error(`priv object '${obj}' must look like db.*, db.table or *.*`);
    const p = parsePrivList(list, `priv '${obj}'`);
    const prev = out.get(key);
    out.set(key, prev ? { privs: new Set([...prev.privs, ...p.privs]), grant: prev.grant || p.grant } : p);
  }
  return out;
}

const GRANT_LINE = /^GRANT (.+?) ON (.+?) TO (?:'[^']*'|`[^`]*`|\S+)@(?:'[^']*'|`[^`]*`|\S+)(.*)$/;

/** SHOW GRANTS FOR an account -> privileges per object (role and PROXY grants are ignored). */
export function parseShowGrants(lines: readonly string[]): PrivMap {
  const out = new Map<string, ObjPrivs>();
  for (const line of lines) {
    const m = GRANT_LINE.exec(line.trim());
    if (!m || /^PROXY$/i.test(m[1]!.trim())) continue;
    const key = normalizeObject(m[2]!);
    if (!key) continue;
    const privs = new Set<string>();
    for (const raw of splitPrivs(m[1]!)) {
      const p = normalizePriv(raw);
      if (p !== 'USAGE') privs.add(p);
    }
    const grant = /\bWITH\b.*\bGRANT OPTION\b/i.test(m[3]!);
    out.set(key, privs.has('ALL') ? { privs: new Set(['ALL']), grant } : { privs, grant });
  }
  return out;
}

/** community.mysql's string form, sorted: `*.*:USAGE/db.*:ALL,GRANT`. */
export function formatPrivs(map: PrivMap): string {
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}:${[...[...v.privs].sort(), ...(v.grant ? ['GRANT'] : [])].join(',') || 'USAGE'}`).join('/');
}

function privSql(p: string): string {
  return p === 'ALL' ? 'ALL PRIVILEGES' : p.replace(/\(([^)]*)\)/, (_, cols: string) => `(${cols.split(', ').map(quoteIdent).join(', ')})`);
}

const EMPTY: ObjPrivs = { privs: new Set(), grant: false };

/**
 * The GRANT/REVOKE statements that turn CURRENT into WANTED for ACCOUNT ('u'@'h'). With append,
 * nothing is revoked. Objects not in WANTED lose every privilege unless append.
 */
export function diffPrivs(current: PrivMap, wanted: PrivMap, account: string, append: boolean): Sql[] {
  const out: Sql[] = [];
  const keys = [...new Set([...current.keys(), ...wanted.keys()])].sort();
  for (const key of keys) {
    const cur = current.get(key) ?? EMPTY;
    const want = wanted.get(key) ?? (append ? undefined : EMPTY);
    if (!want) continue;
    const on = objectSql(key);
    const curPrivs = new Set(cur.privs);
    if (!append && curPrivs.has('ALL') && !want.privs.has('ALL')) {
      out.push(plainSql(`REVOKE ALL PRIVILEGES ON ${on} FROM ${account}`));
      curPrivs.clear();
    }
    const toGrant = want.privs.has('ALL') ? (curPrivs.has('ALL') ? [] : ['ALL']) : [...want.privs].filter((p) => !curPrivs.has(p) && !curPrivs.has('ALL'));
    const toRevoke = append || want.privs.has('ALL') ? [] : [...curPrivs].filter((p) => !want.privs.has(p));
    if (toRevoke.length) out.push(plainSql(`REVOKE ${toRevoke.sort().map(privSql).join(', ')} ON ${on} FROM ${account}`));
    const addGrant = want.grant && !cur.grant;
    if (toGrant.length || addGrant) {
      const list = toGrant.length ? toGrant.sort().map(privSql).join(', ') : 'USAGE';
      out.push(plainSql(`GRANT ${list} ON ${on} TO ${account}${addGrant || (want.grant && toGrant.length) ? ' WITH GRANT OPTION' : ''}`));
    }
    if (!append && cur.grant && !want.grant) out.push(plainSql(`REVOKE GRANT OPTION ON ${on} FROM ${account}`));
  }
  return out;
}
