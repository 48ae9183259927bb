// Parses a java command line as the HotSpot 8 launcher does: options, -classpath, -D properties, main class, its arguments.

export interface JavaCommandLine {
  /** -D settings in command-line order (a later one of the same name wins when applied) */
  readonly defines: ReadonlyArray<readonly [string, string]>;
  /** -X, -XX: and other VM options, as given */
  readonly vmOptions: readonly string[];
  readonly classpath?: string;
  readonly mainClass?: string;
  /** what follows the main class, untouched */
  readonly args: readonly string[];
  readonly version: boolean;
  readonly showVersion: boolean;
  readonly help: boolean;
  /** set when the launcher must refuse the command line (e.g. "Unrecognized option: -foo") */
  readonly error?: string;
  /** launcher warnings printed to stderr (e.g. MaxPermSize removed in 8) */
  readonly warnings: readonly string[];
}

const FLAG_OPTIONS = new Set(['-server', '-client', '-d32', '-d64', '-esa', '-dsa', '-enablesystemassertions', '-disablesystemassertions', '-Xshare:auto']);
const PREFIX_OPTIONS = ['-X', '-ea', '-da', '-enableassertions', '-disableassertions', '-verbose', '-javaagent:', '-agentlib:', '-agentpath:', '-splash:'];

/** Splits argv (without the java command itself) into the launcher's view of it. */
export function parseJavaCommandLine(argv: readonly string[]): JavaCommandLine {
  const defines: Array<[string, string]> = [];
  const vmOptions: string[] = [];
  const warnings: string[] = [];
  let classpath: string | undefined;
  let version = false;
  let showVersion = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const done = (mainClass?: string, error?: string): JavaCommandLine => ({
      defines, vmOptions, classpath, mainClass, args: argv.slice(i + 1), version, showVersion, help, error, warnings,
    });
    if (!a.startsWith('-')) return done(a);
    if (a === '-cp' || a === '-classpath') {
      if (i + 1 >= argv.length) return done(undefined, `${a} requires class path specification`);
      classpath = argv[++i];
    } else if (a.startsWith('-D')) {
      const eq = a.indexOf('=');
      defines.push(eq < 0 ? [a.slice(2), ''] : [a.slice(2, eq), a.slice(eq + 1)]);
    } else if (a === '-version') {
      version = true;
    } else if (a === '-showversion') {
      showVersion = true;
    } else if (a === '-help' || a === '-?' || a === '-h') {
      help = true;
    } else if (a === '-jar') {
      return done(undefined, 'the stand-in JVM does not run -jar files (only a main class found on -classpath)');
    } else if (FLAG_OPTIONS.has(a) || PREFIX_OPTIONS.some((p) => a.startsWith(p))) {
      vmOptions.push(a);
      const perm = /^-XX:(MaxPermSize|PermSize)=(.*)$/.exec(a);
      if (perm) warnings.push(`OpenJDK 64-Bit Server VM warning: ignoring option ${perm[1]}=${perm[2]}; support was removed in 8.0`);
    } else {
      return { ...done(), args: [], error: `Unrecognized option: ${a}` };
    }
  }
  return { defines, vmOptions, classpath, mainClass: undefined, args: [], version, showVersion, help, warnings };
}

/** The -version text of the stand-in, as a 1.8 OpenJDK prints it (to stderr). */
export const VERSION_TEXT = [
  'openjdk version "1.8.0_402"',
  'OpenJDK Runtime Environment (build 1.8.0_402-esbplay-standin-b06)',
  'OpenJDK 64-Bit Server VM (build 25.402-b06, mixed mode)',
  '',
].join('\n');

export const USAGE_TEXT = [
  'Usage: java [-options] class [args...]',
  '           (to execute a class)',
  'where options include:',
  '    -cp <class search path of directories and zip/jar files>',
  '    -classpath <class search path of directories and zip/jar files>',
  '    -D<name>=<value>',
  '                  set a system property',
  '    -version      print product version and exit',
  '    -showversion  print product version and continue',
  '    -X...         non-standard options (accepted and ignored by the esbplay stand-in JVM)',
  '',
].join('\n');
