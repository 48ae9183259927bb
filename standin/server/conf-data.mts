// Datasources (master-datasources.xml), registry databases and mounts (registry.xml), the user store's datasource (user-mgt.xml).

import type { ConfTrees } from './conf-files.mjs';
import { StartupError } from './conf-files.mjs';
import { substituteProperties } from './system-properties.mjs';
import { child, children, textAt } from './xml-parse.mjs';

export interface DataSourceDef {
  readonly name: string;
  readonly jndiName?: string;
  readonly url: string;
  readonly username: string;
  /** never logged */
  readonly password: string;
  readonly driverClassName: string;
}

export interface RemoteInstance {
  readonly id: string;
  readonly dbConfig: string;
  readonly readOnly: boolean;
}

export interface Mount {
  readonly path: string;
  readonly instanceId: string;
  readonly targetPath: string;
}

export interface DataConfig {
  readonly datasources: readonly DataSourceDef[];
  readonly registryReadOnly: boolean;
  readonly currentDbConfig: string;
  /** dbConfig name -> the JNDI name of its datasource */
  readonly dbConfigs: ReadonlyMap<string, string>;
  readonly remoteInstances: readonly RemoteInstance[];
  readonly mounts: readonly Mount[];
  /** JNDI name of the user store's datasource (Realm/Configuration/Property[@name='dataSource']) */
  readonly userStoreDataSource?: string;
}

export function readDataConfig(trees: ConfTrees, props: ReadonlyMap<string, string>): DataConfig {
  const sub = (v: string | undefined) => substituteProperties(v ?? '', props);
  const datasources: DataSourceDef[] = [];
  for (const ds of children(child(trees.datasources, 'datasources'), 'datasource')) {
    const conf = child(child(ds, 'definition'), 'configuration');
    datasources.push({
      name: sub(textAt(ds, 'name')),
      jndiName: sub(textAt(ds, 'jndiConfig', 'name')) || undefined,
      url: sub(textAt(conf, 'url')),
      username: sub(textAt(conf, 'username')),
      password: sub(textAt(conf, 'password')),
      driverClassName: sub(textAt(conf, 'driverClassName')),
    });
  }
  const reg = trees.registry;
  const dbConfigs = new Map<string, string>();
  for (const db of children(reg, 'dbConfig')) dbConfigs.set(db.attrs.get('name') ?? '', sub(textAt(db, 'dataSource')));
  const remoteInstances = children(reg, 'remoteInstance').map((r) => ({
    id: sub(textAt(r, 'id')),
    dbConfig: sub(textAt(r, 'dbConfig')),
    readOnly: sub(textAt(r, 'readOnly')).toLowerCase() === 'true',
  }));
  const mounts = children(reg, 'mount').map((m) => ({
    path: m.attrs.get('path') ?? '',
    instanceId: sub(textAt(m, 'instanceId')),
    targetPath: sub(textAt(m, 'targetPath')),
  }));
  const realm = child(child(trees.userMgt, 'Realm'), 'Configuration');
  const umDs = children(realm, 'Property').find((p) => p.attrs.get('name') === 'dataSource');
  const data: DataConfig = {
    datasources,
    registryReadOnly: sub(textAt(reg, 'readOnly')).toLowerCase() === 'true',
    currentDbConfig: sub(textAt(reg, 'currentDBConfig')),
    dbConfigs,
    remoteInstances,
    mounts,
    userStoreDataSource: umDs ? sub(umDs.text.trim()) : undefined,
  };
  checkRegistryReferences(data);
  return data;
}

const REG_LOGGER = 'org.wso2.carbon.registry.core.config.RegistryConfigurationProcessor';

/** The references inside registry.xml must resolve, as Carbon's registry configuration processor requires. */
function checkRegistryReferences(d: DataConfig): void {
  if (!d.dbConfigs.has(d.currentDbConfig)) {
    throw new StartupError(REG_LOGGER, `Error in building the registry configuration: currentDBConfig '${d.currentDbConfig}' names no <dbConfig>`, [
      `org.wso2.carbon.registry.core.exceptions.RegistryException: Unable to find the database configuration named ${d.currentDbConfig}`,
    ]);
  }
  for (const r of d.remoteInstances) {
    if (!d.dbConfigs.has(r.dbConfig)) {
      throw new StartupError(REG_LOGGER, `Error in building the registry configuration: remoteInstance '${r.id}' uses dbConfig '${r.dbConfig}', which is not defined`, [
        `org.wso2.carbon.registry.core.exceptions.RegistryException: Unable to find the database configuration named ${r.dbConfig}`,
      ]);
    }
  }
  for (const m of d.mounts) {
    if (!d.remoteInstances.some((r) => r.id === m.instanceId)) {
      throw new StartupError(REG_LOGGER, `Error in building the registry configuration: mount '${m.path}' names instanceId '${m.instanceId}', but no remoteInstance has that id`, [
        `org.wso2.carbon.registry.core.exceptions.RegistryException: Remote instance ${m.instanceId} not found for the mount ${m.path}`,
      ]);
    }
  }
}

/** The datasource bound to a JNDI name (Carbon looks registry and user-store datasources up this way). */
export function findDataSource(d: DataConfig, jndiName: string): DataSourceDef | undefined {
  return d.datasources.find((x) => x.jndiName === jndiName) ?? d.datasources.find((x) => x.name === jndiName);
}
