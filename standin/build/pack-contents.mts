// What goes into the stand-in archives: the stock WSO2 files, the transpiled stand-in code, fixed TLS pair, STANDIN.txt.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CLASS_STUB_MAGIC } from '../jdk/jvm-types.mjs';
import { withDirectories, type ArchiveEntry } from './archive-entry.mjs';
import { writeZip } from './zip-write.mjs';

export const STANDIN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ESB_VERSIONS = ['4.9.0', '5.0.0'] as const;
export type EsbVersion = (typeof ESB_VERSIONS)[number];
export const JDK_TOP = 'standin-jdk1.8.0';

/** carbon-kernel version of each ESB release (bin/org.wso2.carbon.bootstrap-<kernel>.jar) */
const KERNEL: Record<EsbVersion, string> = { '4.9.0': '4.4.1', '5.0.0': '4.4.8' };

/** Every file under dir (sorted), as [relative path, absolute path]. */
function listFiles(dir: string, rel = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, r)).isDirectory()) out.push(...listFiles(dir, r));
    else out.push([r, path.join(dir, r)]);
  }
  return out;
}

function fileEntry(archivePath: string, file: string): ArchiveEntry {
  return { path: archivePath, data: readFileSync(file), mode: statSync(file).mode & 0o111 ? 0o755 : 0o644 };
}

/** The stand-in's TypeScript sources of one directory, transpiled to plain ESM (.mjs), under lib/standin/<dir>/. */
function transpiledDir(top: string, dir: 'server' | 'common' | 'jdk'): ArchiveEntry[] {
  return listFiles(path.join(STANDIN_DIR, dir))
    .filter(([rel]) => rel.endsWith('.mts'))
    .map(([rel, file]) => {
      const out = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
      });
      return { path: `${top}/lib/standin/${dir}/${rel.replace(/\.mts$/, '.mjs')}`, data: Buffer.from(out.outputText), mode: 0o644 };
    });
}

function standinNotice(what: string): string {
  return [
    `esbplay STAND-IN: ${what}.`,
    'This is NOT a WSO2 or Oracle/OpenJDK product. It is a test double built by esbplay',
    '(npm run build:standin) so that playbooks can be tried against something that behaves the',
    'way an operator observes the real server; see docs/standin.md in esbplay for what it does',
    'and how it differs from the real product.',
    '',
  ].join('\n');
}

/** Entries of wso2esb-<version>.zip/.tar.gz. */
export function productEntries(version: EsbVersion): ArchiveEntry[] {
  const top = `wso2esb-${version}`;
  const kernel = KERNEL[version];
  const stub = `${CLASS_STUB_MAGIC}\nmain-module: ../lib/standin/server/bootstrap.mjs\n`;
  const jar = writeZip(withDirectories([
    { path: 'META-INF/MANIFEST.MF', data: Buffer.from(`Manifest-Version: 1.0\r\nCreated-By: esbplay stand-in\r\nImplementation-Title: org.wso2.carbon.bootstrap (esbplay stand-in)\r\nImplementation-Version: ${kernel}\r\n\r\n`), mode: 0o644 },
    { path: 'org/wso2/carbon/bootstrap/Bootstrap.class', data: Buffer.from(stub), mode: 0o644 },
  ]), { store: true });
  const notice = standinNotice(`WSO2 Enterprise Service Bus ${version} (carbon-kernel ${kernel}) stand-in distribution`) + [
    '',
    'Real, unmodified WSO2 files (Apache License 2.0; sources in SOURCES.md): bin/wso2server.sh,',
    'bin/version.txt (4.9.0), repository/conf/**, dbscripts/mysql.sql.',
    'Stand-in parts: bin/org.wso2.carbon.bootstrap-*.jar (a class stub pointing at the server code),',
    'lib/standin/** (the server, plain Node.js ESM, node: built-ins only) and',
    'repository/resources/security/standin-carbon.*.pem: a FIXED, PUBLIC test key and certificate',
    '(CN=localhost), shipped like WSO2 ships a fixed wso2carbon.jks. Never use it for anything real.',
    'The JDBC driver is not included: copy it into repository/components/lib/.',
    'Start: JAVA_HOME=<unpacked standin-jdk1.8.0> bin/wso2server.sh start [-DworkerNode=true] [-Dsetup]',
    '',
  ].join('\n');
  const fixtures = path.join(STANDIN_DIR, 'wso2-esb', version);
  return withDirectories([
    ...listFiles(fixtures).map(([rel, file]) => fileEntry(`${top}/${rel}`, file)),
    fileEntry(`${top}/SOURCES.md`, path.join(STANDIN_DIR, 'wso2-esb', 'SOURCES.md')),
    { path: `${top}/STANDIN.txt`, data: Buffer.from(notice), mode: 0o644 },
    { path: `${top}/bin/org.wso2.carbon.bootstrap-${kernel}.jar`, data: jar, mode: 0o644 },
    ...transpiledDir(top, 'server'),
    ...transpiledDir(top, 'common'),
    { ...fileEntry(`${top}/repository/resources/security/standin-carbon.key.pem`, path.join(STANDIN_DIR, 'security', 'standin-carbon.key.pem')), mode: 0o600 },
    fileEntry(`${top}/repository/resources/security/standin-carbon.crt.pem`, path.join(STANDIN_DIR, 'security', 'standin-carbon.crt.pem')),
    { path: `${top}/repository/components/lib/`, mode: 0o755 },
    { path: `${top}/repository/database/`, mode: 0o755 },
    { path: `${top}/repository/deployment/server/synapse-configs/default/proxy-services/`, mode: 0o755 },
    { path: `${top}/repository/logs/`, mode: 0o755 },
  ]);
}

/** Entries of standin-jdk-1.8.0.tar.gz. */
export function jdkEntries(): ArchiveEntry[] {
  const top = JDK_TOP;
  const release = 'JAVA_VERSION="1.8.0_402"\nIMPLEMENTOR="esbplay stand-in"\nOS_NAME="Linux"\n';
  return withDirectories([
    fileEntry(`${top}/bin/java`, path.join(STANDIN_DIR, 'jdk', 'java.sh')),
    ...transpiledDir(top, 'jdk'),
    ...transpiledDir(top, 'common'),
    { path: `${top}/release`, data: Buffer.from(release), mode: 0o644 },
    {
      path: `${top}/STANDIN.txt`,
      data: Buffer.from(standinNotice('JDK 1.8.0 stand-in') + [
        '',
        'bin/java answers -version like OpenJDK 1.8.0_402 (on stderr) and otherwise runs the main class',
        'found on -classpath (a stand-in class stub in a jar) with Node.js: $STANDIN_JAVA_NODE, else node on',
        'PATH, else /usr/local/bin/node, else /usr/bin/node. It runs no Java bytecode.',
        '',
      ].join('\n')),
      mode: 0o644,
    },
  ]);
}
