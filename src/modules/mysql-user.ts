// The mysql_user module: accounts per client host, password rotation by ALTER USER, grants changed by their difference only.

import type { DiffText, ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { LOGIN_ARGS, loginOf, rowsOf, runStatements, sqlChange, type MysqlLogin } from './mysql-client.js';
import { diffPrivs, formatPrivs, parsePrivArg, parseShowGrants, type PrivMap } from './mysql-privs.js';
import { plainSql, quoteAccount, quoteString, sqlWithSecrets, type Sql } from './mysql-quote.js';
import { requireConn } from './file-common.js';
import { MASK, reveal, type Secret } from '../vars/secret.js';

export interface MysqlUserArgs extends MysqlLogin {
  name: string;
  host: string;
  host_all: boolean;
  password?: string | Secret;
  encrypted: boolean;
  priv?: unknown;
  append_privs: boolean;
  update_password: 'always' | 'on_create';
  state: 'present' | 'absent';
}

interface Account {
  readonly host: string;
  /** the stored hash equals the wanted password's (undefined when no password was given) */
  readonly passwordMatches?: boolean;
  readonly grants?: PrivMap;
}

export interface MysqlUserState {
  readonly accounts?: readonly Account[];
  readonly wanted?: PrivMap;
  readonly error?: string;
}

export const mysqlUserModule = {
  name: 'mysql_user',
  summary: 'Create, update and remove MySQL/MariaDB accounts: password rotation with ALTER USER, privileges granted and revoked by difference.',
  checkMode: 'full',
  schema: {
    args: {
      name: { type: 'str', required: true, aliases: ['user'], description: 'User name (the part before @ of the account).' },
      host: { type: 'str', default: 'localhost', description: "Client host of the account ('user'@'host'): an address, a name, or a pattern like `10.0.0.%`. One account per host: loop over the nodes' addresses to limit access to them." },
      host_all: { type: 'bool', default: false, description: 'Apply to every existing account of `name` (all hosts). Creates nothing.' },
      password: { type: 'str', secret: true, description: 'Password (masked everywhere). Compared with the stored hash on the server; `ALTER USER ... IDENTIFIED BY` when it differs (rotation).' },
      encrypted: { type: 'bool', default: false, description: '`password` is already a mysql_native_password hash (`*` and 40 hex digits).' },
      priv: { type: 'raw', description: "Privileges, community.mysql syntax: `'wso2_reg.*:ALL,GRANT/wso2_um.*:SELECT,INSERT'` or a mapping `{wso2_reg.*: ALL}`. `GRANT` means WITH GRANT OPTION. The account ends with exactly these (see `append_privs`); not given: privileges are left alone." },
      append_privs: { type: 'bool', default: false, description: 'Only add the privileges in `priv`; never revoke.' },
      update_password: { type: 'str', default: 'always', choices: ['always', 'on_create'], description: '`always`: set the password when it differs. `on_create`: only for a new account.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: '`absent` drops the account (every account of the user with `host_all`).' },
      ...LOGIN_ARGS,
    },
  },

  async gather(ctx: ReadContext, args: MysqlUserArgs): Promise<MysqlUserState> {
    const conn = requireConn(ctx, 'mysql_user');
    let wanted: PrivMap | undefined;
    try {
      wanted = args.priv === undefined ? undefined : parsePrivArg(args.priv);
    } catch (e) {
      return { error: (e as Error).message };
    }
    const t = { conn, become: ctx.become };
    const login = loginOf(args);
    const pw = passwordOf(args);
    const matches: (string | { literal: unknown })[] = pw === undefined ? ['NULL']
      : ["plugin IN ('mysql_native_password', '') AND authentication_string = ", ...(args.encrypted ? [{ literal: args.password }] : ['PASSWORD(', { literal: args.password }, ')'])];
    const lookup = sqlWithSecrets(['SELECT Host AS host, (', ...matches, `) AS pw_ok FROM mysql.user WHERE User = ${quoteString(args.name)}`]);
    const r = await runStatements(t, login, [lookup], { secrets: [args.password] });
    if (!r.ok) return { error: r.error };
    const rows = rowsOf(r.outcomes[0]);
    const inScope = rows.filter((row) => args.host_all || (row.host ?? '').toLowerCase() === args.host.toLowerCase());
    let grants: PrivMap[] = [];
    if (wanted && args.state === 'present' && inScope.length > 0) {
      const g = await runStatements(t, login, inScope.map((row) => plainSql(`SHOW GRANTS FOR ${quoteAccount(args.name, row.host ?? '')}`)));
      if (!g.ok) return { error: g.error };
      grants = g.outcomes.map((o) => parseShowGrants(o.resultSets[0]?.rows.map((row) => Object.values(row)[0] ?? '') ?? []));
    }
    const accounts = inScope.map((row, i) => ({
      host: row.host ?? '',
      passwordMatches: pw === undefined ? undefined : row.pw_ok === '1',
      grants: grants[i],
    }));
    return { accounts, wanted };
  },

  plan(args: MysqlUserArgs, cur: MysqlUserState): Plan {
    if (cur.error) return failPlan(cur.error);
    const accounts = cur.accounts ?? [];
    const login = loginOf(args);
    const stmts: Sql[] = [];
    const before: string[] = [];
    const after: string[] = [];
    let created = false;
    let passwordChanged = false;
    if (args.state === 'absent') {
      for (const a of accounts) {
        stmts.push(plainSql(`DROP USER ${quoteAccount(args.name, a.host)}`));
        before.push(`${quoteAccount(args.name, a.host)}: present`);
        after.push(`${quoteAccount(args.name, a.host)}: absent`);
      }
    } else {
      if (args.host_all && accounts.length === 0) return failPlan(`host_all: user '${args.name}' has no account on any host (give host to create one)`);
      const targets: Account[] = args.host_all ? [...accounts] : [accounts[0] ?? { host: args.host }];
      const exists = new Set(accounts.map((a) => a.host));
      for (const a of targets) {
        const acct = quoteAccount(args.name, a.host);
        const isNew = !exists.has(a.host);
        const pwSql = identifiedBy(args);
        if (isNew) {
          created = true;
          stmts.push(pwSql ? sqlWithSecrets([`CREATE USER ${acct} `, ...pwSql]) : plainSql(`CREATE USER ${acct}`));
          before.push(`${acct}: absent`);
        } else if (pwSql && args.update_password === 'always' && a.passwordMatches === false) {
          passwordChanged = true;
          stmts.push(sqlWithSecrets([`ALTER USER ${acct} `, ...pwSql]));
          before.push(`${acct} password: ${MASK}`);
          after.push(`${acct} password: ${MASK} (new)`);
        }
        if (cur.wanted) {
          const grants = isNew ? new Map() : a.grants ?? new Map();
          const diff = diffPrivs(grants, cur.wanted, acct, args.append_privs);
          stmts.push(...diff);
          if (diff.length || isNew) {
            if (!isNew) before.push(`${acct} priv: ${formatPrivs(grants) || 'none'}`);
            after.push(`${acct} priv: ${formatPrivs(mergedPrivs(grants, cur.wanted, args.append_privs))}`);
          }
        } else if (isNew) after.push(`${acct}: present`);
      }
    }
    const result = {
      user: args.name,
      host: args.host_all ? accounts.map((a) => a.host) : args.host,
      password_changed: passwordChanged,
      created,
      executed_statements: stmts.map((s) => s.display),
    };
    if (stmts.length === 0) {
      const why = args.state === 'absent' ? `user '${args.name}' has no account${args.host_all ? '' : ` on '${args.host}'`}`
        : `user '${args.name}'@'${args.host_all ? '*' : args.host}' is up to date (password ${passwordOf(args) === undefined ? 'not managed' : 'matches'}, privileges ${cur.wanted ? 'match' : 'not managed'})`;
      return { changes: [], result: { ...result, msg: why }, noopReason: why };
    }
    const diff: DiffText = { before: lines(before), after: lines(after), beforeHeader: `mysql_user ${args.name}`, afterHeader: `mysql_user ${args.name}` };
    const msg = args.state === 'absent' ? 'User deleted' : created ? 'User added' : passwordChanged ? 'Password updated' : 'Privileges updated';
    return {
      changes: [sqlChange(stmts.map((s) => s.display).join('; '), (t) => runStatements(t, login, stmts, { secrets: [args.password] }), diff)],
      result: { ...result, msg },
    };
  },
} satisfies ModuleDefinition<MysqlUserArgs, MysqlUserState>;

function passwordOf(args: MysqlUserArgs): string | undefined {
  if (args.password === undefined) return undefined;
  const pw = String(reveal(args.password));
  return pw === '' ? undefined : pw;
}

/** The `IDENTIFIED BY ...` parts (password as a secret literal), or undefined without a password. */
function identifiedBy(args: MysqlUserArgs): (string | { literal: unknown })[] | undefined {
  if (passwordOf(args) === undefined) return undefined;
  return [args.encrypted ? 'IDENTIFIED BY PASSWORD ' : 'IDENTIFIED BY ', { literal: args.password }];
}

function mergedPrivs(cur: PrivMap, wanted: PrivMap, append: boolean): PrivMap {
  if (!append) return wanted;
  const out = new Map(cur);
  for (const [k, v] of wanted) {
    const c = out.get(k);
    out.set(k, c ? { privs: new Set([...c.privs, ...v.privs]), grant: c.grant || v.grant } : v);
  }
  return out;
}

function lines(items: readonly string[]): string {
  return items.map((l) => `${l}\n`).join('');
}
