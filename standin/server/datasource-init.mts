// Initialises every datasource of master-datasources.xml as Carbon's pool does at start: driver class, host, login.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOGGERS } from './carbon-log.mjs';
import type { DataSourceDef } from './conf-data.mjs';
import { StartupError } from './conf-files.mjs';
import { driverAcceptsScheme, findDriverJar } from './driver-jars.mjs';
import { parseJdbcUrl, resolveHost } from './jdbc-url.mjs';
import { MysqlConnection, MysqlServerError } from './mysql-client.mjs';

/** An initialised datasource: the embedded H2 (nothing to talk to) or an open MySQL/MariaDB connection. */
export type OpenDataSource =
  | { readonly def: DataSourceDef; readonly kind: 'h2' }
  | { readonly def: DataSourceDef; readonly kind: 'mysql'; readonly conn: MysqlConnection; readonly database: string };

const fail = (ds: DataSourceDef, detail: string[]): never => {
  throw new StartupError(LOGGERS.datasources, `Error in initializing system data sources at ${ds.name}: Error in creating data source '${ds.name}'`, detail);
};

/** Opens one datasource or throws the StartupError Carbon's log would show. */
export async function openDataSource(ds: DataSourceDef, carbonHome: string, hostsFile: string, timeoutMs: number): Promise<OpenDataSource> {
  const target = parseJdbcUrl(ds.url);
  if (!target) return fail(ds, [`java.sql.SQLException: invalid JDBC URL '${ds.url}'`]);
  if (target.kind === 'h2') {
    if (ds.driverClassName !== 'org.h2.Driver') return fail(ds, [`java.lang.ClassNotFoundException: ${ds.driverClassName}`]);
    const file = `${path.resolve(carbonHome, target.path)}.h2.db`;
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'esbplay stand-in: the embedded H2 database of this node (no data is kept in it)\n');
    }
    return { def: ds, kind: 'h2' };
  }
  if (target.kind === 'other') {
    return fail(ds, [`java.sql.SQLException: the esbplay stand-in supports only H2 and MySQL/MariaDB URLs, not jdbc:${target.scheme}:`]);
  }
  const driver = findDriverJar(carbonHome, ds.driverClassName);
  if (!driver) {
    return fail(ds, [
      `org.wso2.carbon.ndatasource.common.DataSourceException: Error in loading JDBC driver class: ${ds.driverClassName}`,
      `Caused by: java.lang.ClassNotFoundException: ${ds.driverClassName} (no jar in repository/components/lib contains ${ds.driverClassName.replace(/\./g, '/')}.class)`,
    ]);
  }
  if (!driverAcceptsScheme(ds.driverClassName, driver.version, target.scheme, target.params)) {
    return fail(ds, [`java.sql.SQLException: No suitable driver: ${ds.driverClassName} (${path.basename(driver.jar)}) does not accept ${ds.url.split('?')[0]}`]);
  }
  const address = resolveHost(target.host, hostsFile);
  if (!address) {
    return fail(ds, [
      'com.mysql.jdbc.exceptions.jdbc4.CommunicationsException: Communications link failure',
      `Caused by: java.net.UnknownHostException: ${target.host}: Name or service not known (not in ${hostsFile})`,
    ]);
  }
  try {
    // Connector/J and MariaDB Connector/J bind the client socket to `localSocketAddress` when the URL gives one
    const localAddress = target.params.get('localSocketAddress') || undefined;
    const conn = await MysqlConnection.connect({ host: address, port: target.port, user: ds.username, password: ds.password, database: target.database, timeoutMs, localAddress });
    return { def: ds, kind: 'mysql', conn, database: target.database ?? '' };
  } catch (e) {
    if (e instanceof MysqlServerError) return fail(ds, [`java.sql.SQLException: ${e.message}`, `  (SQLState ${e.sqlState}, error ${e.errno})`]);
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why = code === 'ECONNREFUSED' ? 'Connection refused' : code === 'ETIMEDOUT' ? 'connect timed out' : (e as Error).message;
    return fail(ds, [
      'com.mysql.jdbc.exceptions.jdbc4.CommunicationsException: Communications link failure',
      `Caused by: java.net.ConnectException: ${why} (${target.host}/${address}:${target.port})`,
    ]);
  }
}

/** Opens every datasource in file order; on the first failure, closes the ones already open and rethrows. */
export async function openAllDataSources(defs: readonly DataSourceDef[], carbonHome: string, hostsFile: string, timeoutMs: number): Promise<OpenDataSource[]> {
  const open: OpenDataSource[] = [];
  try {
    for (const ds of defs) open.push(await openDataSource(ds, carbonHome, hostsFile, timeoutMs));
    return open;
  } catch (e) {
    closeDataSources(open);
    throw e;
  }
}

export function closeDataSources(list: readonly OpenDataSource[]): void {
  for (const d of list) if (d.kind === 'mysql') d.conn.close();
}
