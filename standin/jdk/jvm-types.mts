// What the stand-in JVM hands to a main class: the java command line as the JVM understood it.

/** The stand-in "class file": a text entry at org/x/Y.class pointing at the ES module that implements the class. */
export const CLASS_STUB_MAGIC = 'ESBPLAY-STANDIN-CLASS 1';

export interface JvmInvocation {
  /** the java command as invoked ($JAVA_HOME/bin/java) */
  readonly javaCommand: string;
  readonly javaHome: string;
  /** system properties after defaults and every -D (the last -D of a name wins) */
  readonly properties: ReadonlyMap<string, string>;
  readonly vmOptions: readonly string[];
  readonly classpath: readonly string[];
  readonly mainClass: string;
  /** arguments after the main class, untouched */
  readonly args: readonly string[];
}

/** A main class module exports main(); it resolves with the process exit status once the program is done. */
export type MainFunction = (jvm: JvmInvocation) => Promise<number>;
