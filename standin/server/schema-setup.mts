// Registry and user-store schemas: Carbon's check query, -Dsetup runs dbscripts/mysql.sql when it fails, missing tables stop the start.

import { readFileSync } from 'node:fs';
import { LOGGERS, type CarbonLog } from './carbon-log.mjs';
import { findDataSource, type DataConfig } from './conf-data.mjs';
import { StartupError } from './conf-files.mjs';
import type { OpenDataSource } from './datasource-init.mjs';
import { MysqlServerError, type MysqlConnection } from './mysql-client.mjs';
import { createdTables, splitSqlScript } from './sql-script.mjs';

interface SchemaKind {
  readonly label: string;
  readonly logger: string;
  /** Carbon's isDatabaseStructureCreated query */
  readonly checkSql: string;
  /** tables of the script this component needs */
  readonly prefix: string;
  readonly failure: string;
}

const REGISTRY: SchemaKind = {
  label: 'Registry', logger: LOGGERS.registry, checkSql: 'SELECT * FROM REG_CLUSTER_LOCK', prefix: 'REG_',
  failure: 'Failed to activate Registry Core bundle',
};
const USER_STORE: SchemaKind = {
  label: 'User Management', logger: LOGGERS.userCore, checkSql: 'SELECT * FROM UM_USER', prefix: 'UM_',
  failure: 'Cannot start User Manager Core bundle',
};

export interface SchemaOptions {
  readonly setup: boolean;
  readonly scriptFile: string;
  readonly log: CarbonLog;
}

/** Checks (and with -Dsetup creates) the registry schema of every dbConfig in use, then the user store's. */
export async function prepareSchemas(data: DataConfig, open: readonly OpenDataSource[], o: SchemaOptions): Promise<void> {
  const registryConfigs = [...new Set([data.currentDbConfig, ...data.remoteInstances.map((r) => r.dbConfig)])];
  const done = new Set<string>();
  for (const name of registryConfigs) {
    const jndi = data.dbConfigs.get(name) ?? '';
    const ds = lookup(data, open, jndi, REGISTRY);
    if (ds.kind === 'mysql' && !done.has(`${ds.def.name}/registry`)) {
      await ensureSchema(ds.conn, ds.database, REGISTRY, o);
      done.add(`${ds.def.name}/registry`);
    }
  }
  o.log.info(LOGGERS.registry, `Registry Mode    : ${data.registryReadOnly ? 'READ-ONLY' : 'READ-WRITE'}`);
  for (const m of data.mounts) {
    const inst = data.remoteInstances.find((r) => r.id === m.instanceId);
    o.log.info(LOGGERS.embeddedRegistry, `Connected to mount at ${m.instanceId} in 1ms${inst?.readOnly ? ' (read-only)' : ''}`);
  }
  if (data.userStoreDataSource) {
    const ds = lookup(data, open, data.userStoreDataSource, USER_STORE);
    if (ds.kind === 'mysql') await ensureSchema(ds.conn, ds.database, USER_STORE, o);
  }
}

function lookup(data: DataConfig, open: readonly OpenDataSource[], jndi: string, kind: SchemaKind): OpenDataSource {
  const def = findDataSource(data, jndi);
  const ds = def && open.find((o) => o.def === def);
  if (!ds) {
    throw new StartupError(kind.logger, kind.failure, [
      `javax.naming.NameNotFoundException: Name [${jndi}] is not bound in this Context. Unable to find [${jndi.split('/')[0]}]. (no datasource in master-datasources.xml has the JNDI name ${jndi})`,
    ]);
  }
  return ds;
}

async function ensureSchema(conn: MysqlConnection, database: string, kind: SchemaKind, o: SchemaOptions): Promise<void> {
  const statements = splitSqlScript(readFileSync(o.scriptFile, 'utf8'));
  let checkError: MysqlServerError | undefined;
  try {
    await conn.query(kind.checkSql);
  } catch (e) {
    if (!(e instanceof MysqlServerError)) throw e;
    checkError = e;
  }
  if (checkError && !o.setup) {
    throw new StartupError(kind.logger, kind.failure, [
      `java.sql.SQLSyntaxErrorException: ${checkError.message}`,
      `  (the ${kind.label} database in '${database}' has no schema: start once with -Dsetup, or run dbscripts/mysql.sql)`,
    ]);
  }
  if (checkError) {
    o.log.info(LOGGERS.dbCreator, `${kind.label} database structure not found in '${database}': creating it with the script ${o.scriptFile}`);
    for (const stmt of statements) {
      try {
        await conn.query(stmt);
      } catch (e) {
        if (!(e instanceof MysqlServerError)) throw e;
        throw new StartupError(LOGGERS.dbCreator, `Error occurred while executing the SQL script for creating the ${kind.label} database`, [
          `java.sql.SQLException: ${e.message} Query : ${stmt.slice(0, 200)}`,
        ]);
      }
    }
    o.log.info(LOGGERS.dbCreator, `${kind.label} database created successfully.`);
  } else if (o.setup) {
    o.log.info(LOGGERS.dbCreator, `${kind.label} database already exists. Not creating a new database.`);
  }
  const have = new Set((await conn.query('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()')).rows.map((r) => String(r[0]).toUpperCase()));
  const missing = createdTables(statements).filter((t) => t.startsWith(kind.prefix) && !have.has(t.toUpperCase()));
  if (missing.length) {
    throw new StartupError(kind.logger, kind.failure, [
      `java.sql.SQLSyntaxErrorException: Table '${database}.${missing[0]}' doesn't exist`,
      `  (${missing.length} table(s) of dbscripts/mysql.sql missing: ${missing.join(', ')}; a half-created schema is not repaired by -Dsetup)`,
    ]);
  }
}
