// Test edits for the guide's database layout: MySQL datasources, a shared registry mount, the user store's datasource.

import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface MysqlDataSource {
  readonly name: string;
  readonly jndi: string;
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly driver: string;
}

async function edit(file: string, f: (s: string) => string): Promise<void> {
  const before = await fs.readFile(file, 'latin1');
  const after = f(before);
  if (after === before) throw new Error(`test edit changed nothing in ${file}`);
  await fs.writeFile(file, after, 'latin1');
}

/** Appends a MySQL datasource to master-datasources.xml. */
export function addDataSource(home: string, d: MysqlDataSource): Promise<void> {
  const xml = `        <datasource>
            <name>${d.name}</name>
            <jndiConfig><name>${d.jndi}</name></jndiConfig>
            <definition type="RDBMS">
                <configuration>
                    <url>${d.url}</url>
                    <username>${d.user}</username>
                    <password>${d.password}</password>
                    <driverClassName>${d.driver}</driverClassName>
                    <maxActive>50</maxActive>
                    <validationQuery>SELECT 1</validationQuery>
                </configuration>
            </definition>
        </datasource>
    </datasources>`;
  return edit(path.join(home, 'repository/conf/datasources/master-datasources.xml'), (s) => s.replace(/ {4}<\/datasources>/, xml));
}

/** registry.xml: a dbConfig for the shared datasource, a remoteInstance and the config/governance mounts. */
export function mountSharedRegistry(home: string, jndi: string, readOnly: boolean): Promise<void> {
  const xml = `    <dbConfig name="sharedregistry">
        <dataSource>${jndi}</dataSource>
    </dbConfig>
    <remoteInstance url="https://localhost:9443/registry">
        <id>instanceid</id>
        <dbConfig>sharedregistry</dbConfig>
        <readOnly>${readOnly}</readOnly>
        <enableCache>true</enableCache>
        <registryRoot>/</registryRoot>
        <cacheId>wso2@shared</cacheId>
    </remoteInstance>
    <mount path="/_system/config" overwrite="true">
        <instanceId>instanceid</instanceId>
        <targetPath>/_system/esbnodes</targetPath>
    </mount>
    <mount path="/_system/governance" overwrite="true">
        <instanceId>instanceid</instanceId>
        <targetPath>/_system/governance</targetPath>
    </mount>
</wso2registry>`;
  return edit(path.join(home, 'repository/conf/registry.xml'), (s) => s.replace('</wso2registry>', xml));
}

/** user-mgt.xml: the realm's dataSource property names this JNDI datasource. */
export function pointUserStoreAt(home: string, jndi: string): Promise<void> {
  return edit(path.join(home, 'repository/conf/user-mgt.xml'), (s) => s.replace('<Property name="dataSource">jdbc/WSO2CarbonDB</Property>', `<Property name="dataSource">${jndi}</Property>`));
}

/** Breaks a file's well-formedness by cutting it in the middle of an element. */
export async function truncateFile(file: string): Promise<void> {
  const s = await fs.readFile(file, 'latin1');
  await fs.writeFile(file, s.slice(0, Math.floor(s.length / 2)), 'latin1');
}
