// Finds a JDBC driver class in the jars of repository/components/lib (and dropins), reading each jar's central directory.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listZipEntries, readZipEntry } from '../common/zip-read.mjs';

export interface DriverJar {
  readonly jar: string;
  /** Bundle-Version / Implementation-Version from the manifest, when present */
  readonly version?: string;
}

/** The first jar that contains className (as a .class entry), or undefined. */
export function findDriverJar(carbonHome: string, className: string): DriverJar | undefined {
  const entry = `${className.replace(/\./g, '/')}.class`;
  for (const dir of ['repository/components/lib', 'repository/components/dropins']) {
    let names: string[];
    try {
      names = readdirSync(path.join(carbonHome, dir)).filter((n) => n.toLowerCase().endsWith('.jar')).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      const jar = path.join(carbonHome, dir, n);
      try {
        const zip = readFileSync(jar);
        const entries = listZipEntries(zip);
        if (!entries.some((e) => e.name === entry)) continue;
        const mf = entries.find((e) => e.name === 'META-INF/MANIFEST.MF');
        const text = mf ? readZipEntry(zip, mf).toString('utf8') : '';
        const version = /^(?:Bundle-Version|Implementation-Version):\s*(\S+)/m.exec(text)?.[1];
        return { jar, version };
      } catch {
        // not a readable jar: the class loader skips it too
      }
    }
  }
  return undefined;
}

/**
 * Whether a driver accepts the URL's scheme, as Driver.acceptsURL does: Connector/J only jdbc:mysql:;
 * MariaDB Connector/J 3.x takes jdbc:mysql: only with permitMysqlScheme (2.x takes both).
 */
export function driverAcceptsScheme(className: string, version: string | undefined, scheme: 'mysql' | 'mariadb', params: ReadonlyMap<string, string>): boolean {
  if (className.startsWith('org.mariadb.')) {
    if (scheme === 'mariadb') return true;
    const major = Number((version ?? '2').split('.')[0]);
    return major < 3 || params.has('permitMysqlScheme');
  }
  return scheme === 'mysql';
}
