// `npm run build:standin`: writes the stand-in ESB packs (zip and tar.gz per version) and the stand-in JDK to standin/dist/.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESB_VERSIONS, jdkEntries, productEntries, STANDIN_DIR, type EsbVersion } from './pack-contents.mjs';
import { writeTarGz } from './tar-write.mjs';
import { writeZip } from './zip-write.mjs';

export interface StandinArchives {
  readonly dir: string;
  /** wso2esb-<version>.zip per version */
  readonly zip: Readonly<Record<EsbVersion, string>>;
  /** wso2esb-<version>.tar.gz per version */
  readonly tarGz: Readonly<Record<EsbVersion, string>>;
  /** standin-jdk-1.8.0.tar.gz (top directory standin-jdk1.8.0/) */
  readonly jdk: string;
}

export const DEFAULT_DIST = path.join(STANDIN_DIR, 'dist');

/** Builds every archive into outDir (default standin/dist) and returns their paths. */
export function buildStandin(outDir: string = DEFAULT_DIST): StandinArchives {
  mkdirSync(outDir, { recursive: true });
  const zip = {} as Record<EsbVersion, string>;
  const tarGz = {} as Record<EsbVersion, string>;
  for (const v of ESB_VERSIONS) {
    const entries = productEntries(v);
    zip[v] = path.join(outDir, `wso2esb-${v}.zip`);
    tarGz[v] = path.join(outDir, `wso2esb-${v}.tar.gz`);
    writeFileSync(zip[v], writeZip(entries));
    writeFileSync(tarGz[v], writeTarGz(entries));
  }
  const jdk = path.join(outDir, 'standin-jdk-1.8.0.tar.gz');
  writeFileSync(jdk, writeTarGz(jdkEntries()));
  return { dir: outDir, zip, tarGz, jdk };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = buildStandin(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_DIST);
  for (const v of ESB_VERSIONS) process.stdout.write(`${out.zip[v]}\n${out.tarGz[v]}\n`);
  process.stdout.write(`${out.jdk}\n`);
}
