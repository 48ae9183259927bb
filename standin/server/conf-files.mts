// Reads the node's configuration files from repository/conf; a file that is not well-formed stops the start.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseXmlBytes, XmlSyntaxError, type XmlElement } from './xml-parse.mjs';

/** The files Carbon reads at start, and the component whose error a broken file produces. */
export const CONF_FILES = {
  carbon: { rel: 'carbon.xml', logger: 'org.wso2.carbon.base.ServerConfiguration' },
  axis2: { rel: 'axis2/axis2.xml', logger: 'org.wso2.carbon.core.CarbonAxisConfigurator' },
  catalina: { rel: 'tomcat/catalina-server.xml', logger: 'org.wso2.carbon.tomcat.internal.ServerManager' },
  datasources: { rel: 'datasources/master-datasources.xml', logger: 'org.wso2.carbon.ndatasource.core.DataSourceRepository' },
  registry: { rel: 'registry.xml', logger: 'org.wso2.carbon.registry.core.config.RegistryConfigurationProcessor' },
  userMgt: { rel: 'user-mgt.xml', logger: 'org.wso2.carbon.user.core.config.RealmConfigXMLProcessor' },
} as const;

export type ConfName = keyof typeof CONF_FILES;
export type ConfTrees = Readonly<Record<ConfName, XmlElement>>;

/** A configuration file Carbon cannot use; `detail` is what log4j prints after the ERROR line. */
export class StartupError extends Error {
  constructor(readonly logger: string, message: string, readonly detail: readonly string[] = []) {
    super(message);
  }
}

/** Parses every configuration file; the first one that is missing or not well-formed throws a StartupError. */
export function readConfFiles(confDir: string): ConfTrees {
  const out = {} as Record<ConfName, XmlElement>;
  for (const [name, spec] of Object.entries(CONF_FILES) as Array<[ConfName, (typeof CONF_FILES)[ConfName]]>) {
    const file = path.join(confDir, spec.rel);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new StartupError(spec.logger, `Error while reading the configuration file ${file}`, [
        `java.io.FileNotFoundException: ${file} (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message})`,
      ]);
    }
    try {
      out[name] = parseXmlBytes(bytes);
    } catch (e) {
      if (!(e instanceof XmlSyntaxError)) throw e;
      throw new StartupError(spec.logger, `Error while parsing the configuration file ${file}: the file is not well-formed XML`, [
        `org.xml.sax.SAXParseException; systemId: file:${file}; lineNumber: ${e.line}; columnNumber: ${e.column}; ${e.reason}`,
      ]);
    }
  }
  return out;
}
