// The explicit module registry: every module esbplay ships, by name (no dynamic require).

import type { ModuleDefinition } from './types.js';
import { aptModule } from './apt.js';
import { assertModule } from './assert.js';
import { blockinfileModule } from './blockinfile.js';
import { carbonServerModule } from './carbon-server.js';
import { commandModule } from './command.js';
import { debugModule } from './debug.js';
import { failModule } from './fail.js';
import { setFactModule } from './set-fact.js';
import { shellModule } from './shell.js';
import { statModule } from './stat.js';
import { copyModule } from './copy.js';
import { fileModule } from './file.js';
import { groupModule } from './group.js';
import { iniFileModule } from './ini-file.js';
import { lineinfileModule } from './lineinfile.js';
import { packageModule } from './package.js';
import { mysqlDbModule } from './mysql-db.js';
import { mysqlQueryModule } from './mysql-query.js';
import { mysqlSchemaModule } from './mysql-schema.js';
import { mysqlUserModule } from './mysql-user.js';
import { openSslPrivateKeyModule } from './openssl-privatekey.js';
import { serviceModule } from './service.js';
import { templateModule } from './template.js';
import { unarchiveModule } from './unarchive.js';
import { uriModule } from './uri.js';
import { userModule } from './user.js';
import { waitForModule } from './wait-for.js';
import { xmlModule } from './xml.js';
import { x509CertificateModule } from './x509-certificate.js';
import { clusterLintModule } from './cluster-lint.js';

export const builtinModules = {
  apt: aptModule,
  assert: assertModule,
  blockinfile: blockinfileModule,
  carbon_server: carbonServerModule,
  command: commandModule,
  copy: copyModule,
  debug: debugModule,
  fail: failModule,
  file: fileModule,
  group: groupModule,
  ini_file: iniFileModule,
  lineinfile: lineinfileModule,
  package: packageModule,
  mysql_db: mysqlDbModule,
  mysql_query: mysqlQueryModule,
  mysql_schema: mysqlSchemaModule,
  mysql_user: mysqlUserModule,
  openssl_privatekey: openSslPrivateKeyModule,
  service: serviceModule,
  set_fact: setFactModule,
  shell: shellModule,
  stat: statModule,
  template: templateModule,
  unarchive: unarchiveModule,
  uri: uriModule,
  user: userModule,
  wait_for: waitForModule,
  xml: xmlModule,
  x509_certificate: x509CertificateModule,
  wso2_cluster_lint: clusterLintModule,
} satisfies Record<string, ModuleDefinition>;

/** Built-in modules plus a library user's own (which may replace built-ins). */
export function buildRegistry(extra: Readonly<Record<string, ModuleDefinition>> = {}): Map<string, ModuleDefinition> {
  const m = new Map<string, ModuleDefinition>(Object.entries(builtinModules));
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
}
