// Carbon's settings from the command line: JVM system properties, then -D arguments after the class name; the stand-in's knobs.

import type { JvmInvocation } from '../jdk/jvm-types.mjs';

/**
 * The system properties Carbon ends up with: the JVM's (the last -D of a name already won), then each
 * `-Dname[=value]` argument after the main class, as Carbon's bootstrap sets them (no value means "true").
 */
export function effectiveProperties(jvm: JvmInvocation): Map<string, string> {
  const props = new Map(jvm.properties);
  for (const a of jvm.args) {
    if (!a.startsWith('-D')) continue;
    const eq = a.indexOf('=');
    if (eq < 0) props.set(a.slice(2), 'true');
    else props.set(a.slice(2, eq), a.slice(eq + 1));
  }
  return props;
}

/** Delays and files of the stand-in itself; each is a system property (e.g. JAVA_OPTS=-Dstandin.startDelayMs=300). */
export interface StandinKnobs {
  /** time from launch to "WSO2 Carbon started" beyond the real work (default 3000) */
  readonly startDelayMs: number;
  /** time from SIGTERM to exit (default 3000), like a JVM's shutdown hooks */
  readonly stopDelayMs: number;
  /** where host names are resolved (default /etc/hosts, the node's own) */
  readonly hostsFile: string;
  /** cluster heartbeat interval (default 1000) */
  readonly heartbeatMs: number;
  /** a member silent this long is deemed to have left (default 10000) */
  readonly memberTimeoutMs: number;
  /** database connect timeout (default 10000) */
  readonly dbConnectTimeoutMs: number;
}

export const KNOB_DEFAULTS: StandinKnobs = {
  startDelayMs: 3000,
  stopDelayMs: 3000,
  hostsFile: '/etc/hosts',
  heartbeatMs: 1000,
  memberTimeoutMs: 10000,
  dbConnectTimeoutMs: 10000,
};

export function readKnobs(props: ReadonlyMap<string, string>): StandinKnobs {
  const num = (key: keyof StandinKnobs): number => {
    const raw = props.get(`standin.${key}`);
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : (KNOB_DEFAULTS[key] as number);
  };
  return {
    startDelayMs: num('startDelayMs'),
    stopDelayMs: num('stopDelayMs'),
    hostsFile: props.get('standin.hostsFile') || KNOB_DEFAULTS.hostsFile,
    heartbeatMs: Math.max(50, num('heartbeatMs')),
    memberTimeoutMs: Math.max(200, num('memberTimeoutMs')),
    dbConnectTimeoutMs: num('dbConnectTimeoutMs'),
  };
}

/** True when a boolean system property is set to true (Carbon's Boolean.parseBoolean). */
export function isTrue(props: ReadonlyMap<string, string>, key: string): boolean {
  return (props.get(key) ?? '').toLowerCase() === 'true';
}

/** ${name} placeholders in a config value, replaced by system properties (Carbon does this for ${carbon.home}). */
export function substituteProperties(value: string, props: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{([^}]+)\}/g, (m, k: string) => props.get(k) ?? m);
}
