// The stand-in JVM: answers -version like OpenJDK 1.8, else loads the main class from the classpath and runs it.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listZipEntries, readZipEntry } from '../common/zip-read.mjs';
import { parseJavaCommandLine, USAGE_TEXT, VERSION_TEXT } from './jvm-args.mjs';
import { CLASS_STUB_MAGIC, type JvmInvocation, type MainFunction } from './jvm-types.mjs';

const FATAL = 'Error: Could not create the Java Virtual Machine.\nError: A fatal exception has occurred. Program will exit.\n';

async function runJava(javaCommand: string, argv: readonly string[]): Promise<number> {
  const cl = parseJavaCommandLine(argv);
  for (const w of cl.warnings) process.stderr.write(`${w}\n`);
  if (cl.error) {
    process.stderr.write(`${cl.error}\n${FATAL}`);
    return 1;
  }
  if (cl.version || cl.showVersion) process.stderr.write(VERSION_TEXT);
  if (cl.version) return 0;
  if (cl.help || !cl.mainClass) {
    process.stderr.write(USAGE_TEXT);
    return cl.help ? 0 : 1;
  }
  // the JDK this launcher belongs to (lib/standin/jdk/ inside it), also when bin/java was reached through a symlink
  const javaHome = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const classpath = expandClasspath(cl.classpath ?? process.env.CLASSPATH ?? '.');
  const modulePath = findMainModule(classpath, cl.mainClass);
  if (!modulePath) {
    process.stderr.write(`Error: Could not find or load main class ${cl.mainClass}\n`);
    return 1;
  }
  const properties = new Map<string, string>(defaultProperties(javaHome));
  for (const [k, v] of cl.defines) properties.set(k, v);
  const jvm: JvmInvocation = { javaCommand, javaHome, properties, vmOptions: cl.vmOptions, classpath, mainClass: cl.mainClass, args: cl.args };
  setProcessTitle(javaCommand, argv);
  const mod = (await import(pathToFileURL(modulePath).href)) as { main?: MainFunction };
  if (typeof mod.main !== 'function') {
    process.stderr.write(`Error: Main method not found in class ${cl.mainClass}, please define the main method as:\n   public static void main(String[] args)\n`);
    return 1;
  }
  return mod.main(jvm);
}

function defaultProperties(javaHome: string): Array<[string, string]> {
  const user = os.userInfo();
  return [
    ['java.version', '1.8.0_402'],
    ['java.vendor', 'esbplay stand-in (OpenJDK compatible)'],
    ['java.vm.name', 'OpenJDK 64-Bit Server VM'],
    ['java.home', path.join(javaHome, 'jre')],
    ['java.io.tmpdir', '/tmp'],
    ['os.name', 'Linux'],
    ['os.arch', process.arch === 'x64' ? 'amd64' : process.arch],
    ['os.version', os.release()],
    ['user.name', user.username],
    ['user.home', user.homedir],
    ['user.dir', process.cwd()],
    ['file.separator', '/'],
    ['path.separator', ':'],
    ['line.separator', '\n'],
  ];
}

/** Classpath entries as the JVM sees them: `dir/*` means every jar in dir; empty entries are the current directory. */
function expandClasspath(cp: string): string[] {
  const out: string[] = [];
  for (const raw of cp.split(':')) {
    const entry = raw === '' ? '.' : raw;
    if (entry.endsWith('/*')) {
      const dir = entry.slice(0, -2);
      try {
        for (const f of readdirSync(dir).sort()) if (/\.jar$/i.test(f)) out.push(path.join(dir, f));
      } catch {
        // a missing directory contributes nothing, as in the JVM
      }
    } else out.push(entry);
  }
  return out;
}

/** Finds the class stub for className and returns the module it points at. */
function findMainModule(classpath: readonly string[], className: string): string | undefined {
  const entryName = `${className.replace(/\./g, '/')}.class`;
  for (const entry of classpath) {
    let stub: string | undefined;
    let base: string;
    try {
      if (!existsSync(entry)) continue;
      if (statSync(entry).isDirectory()) {
        const file = path.join(entry, entryName);
        if (!existsSync(file)) continue;
        stub = readFileSync(file, 'utf8');
        base = entry;
      } else {
        const zip = readFileSync(entry);
        const found = listZipEntries(zip).find((e) => e.name === entryName);
        if (!found) continue;
        stub = readZipEntry(zip, found).toString('utf8');
        base = path.dirname(entry);
      }
    } catch {
      continue; // an unreadable or corrupt classpath entry is skipped, as the JVM does
    }
    const lines = stub.split('\n');
    const target = lines.find((l) => l.startsWith('main-module: '));
    if (lines[0]?.trim() !== CLASS_STUB_MAGIC || !target) continue;
    return path.resolve(base, target.slice('main-module: '.length).trim());
  }
  return undefined;
}

/** ps shows the java command line and the command name `java`, as for a real JVM. */
function setProcessTitle(javaCommand: string, argv: readonly string[]): void {
  try {
    process.title = [javaCommand, ...argv].join(' ');
    writeFileSync('/proc/self/comm', 'java');
  } catch {
    // not Linux, or not allowed: node's own argv shows the same java arguments
  }
}

const [javaCommand = 'java', ...javaArgs] = process.argv.slice(2);
runJava(javaCommand, javaArgs).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`Exception in thread "main" java.lang.RuntimeException: ${err.message}\n${err.stack ?? ''}\n`);
    process.exit(1);
  },
);
