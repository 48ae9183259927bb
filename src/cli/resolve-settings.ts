// Resolves the run's settings: command line, then ESBPLAY_* variables, then esbplay.cfg, then the defaults (Ansible's order).

import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { findConfigFile, readConfigFile, type ConfigFile } from './config-file.js';
import { flagLabel } from './run-flags.js';
import { RUN_SETTINGS, type SettingName, type SettingSpec } from './run-settings.js';
import type { RunSettings } from './run-settings-values.js';

export interface ResolvedSettings {
  readonly settings: RunSettings;
  /** the esbplay.cfg read, if any */
  readonly configFile?: string;
  /** where each setting that is not a default came from: `command line`, `ESBPLAY_FORKS`, `esbplay.cfg:3` */
  readonly origins: Readonly<Partial<Record<SettingName, string>>>;
  readonly warnings: readonly string[];
}

interface Raw {
  readonly value: unknown;
  readonly origin: string;
  /** how the user wrote its name: `-f/--forks`, `ESBPLAY_FORKS`, `[defaults] forks` */
  readonly label: string;
  /** where the value was written: relative paths in esbplay.cfg are relative to the file */
  readonly baseDir: string;
  readonly loc?: { file: string; line: number; col: number };
}

/** Reads the configuration file (if any) and resolves every setting. */
export function resolveSettings(typed: Partial<Record<SettingName, unknown>>, env: NodeJS.ProcessEnv, cwd: string): ResolvedSettings {
  const warnings: string[] = [];
  const cfgFile = findConfigFile(cwd, env, warnings);
  const cfg = cfgFile ? readConfigFile(cfgFile) : undefined;
  if (cfg) warnings.push(...cfg.warnings);
  const settings: Record<string, unknown> = {};
  const origins: Partial<Record<SettingName, string>> = {};
  for (const [name, spec] of Object.entries(RUN_SETTINGS) as [SettingName, SettingSpec][]) {
    const raw = pickRaw(name, spec, typed, env, cfg, cwd);
    if (raw) origins[name] = raw.origin;
    settings[name] = raw ? convert(spec, raw, env) : defaultOf(spec);
  }
  return { settings: settings as unknown as RunSettings, configFile: cfgFile, origins, warnings };
}

function pickRaw(
  name: SettingName,
  spec: SettingSpec,
  typed: Partial<Record<SettingName, unknown>>,
  env: NodeJS.ProcessEnv,
  cfg: ConfigFile | undefined,
  cwd: string,
): Raw | undefined {
  if (typed[name] !== undefined) return { value: typed[name], origin: 'command line', label: flagLabel(name) ?? name, baseDir: cwd };
  for (const v of spec.env ?? []) if (env[v] !== undefined && env[v] !== '') return { value: env[v], origin: v, label: v, baseDir: cwd };
  for (const k of spec.ini ?? []) {
    const e = cfg?.entries.get(k);
    if (!cfg || !e) continue;
    const [section, key] = k.split('.');
    return {
      value: e.value,
      origin: `${cfg.file}:${e.line}`,
      label: `[${section}] ${key}`,
      baseDir: path.dirname(cfg.file),
      loc: { file: cfg.file, line: e.line, col: 1 },
    };
  }
  return undefined;
}

function defaultOf(spec: SettingSpec): unknown {
  if (spec.type === 'list' || spec.type === 'raw' || spec.type === 'pathlist') return [];
  return spec.default;
}

function convert(spec: SettingSpec, raw: Raw, env: NodeJS.ProcessEnv): unknown {
  const v = raw.value;
  const fail = (what: string) => new UserError(`${raw.label} ${what}, got ${JSON.stringify(v)}`, raw.loc);
  switch (spec.type) {
    case 'bool':
      return typeof v === 'boolean' ? v : parseBool(String(v), fail);
    case 'count':
    case 'int': {
      if (typeof v === 'number') return v;
      const n = /^\s*\d+\s*$/.test(String(v)) ? Number(v) : NaN;
      const min = spec.type === 'count' ? 0 : 1;
      if (!Number.isSafeInteger(n) || n < min) throw fail(`must be a whole number of at least ${min}`);
      return n;
    }
    case 'list':
      return Array.isArray(v)
        ? v
        : String(v)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'raw':
      return Array.isArray(v) ? v : [String(v)];
    case 'path':
      return resolvePath(String(v), raw, env);
    case 'pathlist':
      return String(v)
        .split(':')
        .filter(Boolean)
        .map((p) => resolvePath(p, raw, env));
    default: {
      const s = String(v);
      if (spec.choices && !spec.choices.includes(s)) throw fail(`must be one of ${spec.choices.join(', ')}`);
      return s;
    }
  }
}

/** Ansible's booleans: yes/no, true/false, on/off, 1/0 (any case). */
function parseBool(s: string, fail: (what: string) => UserError): boolean {
  const t = s.trim().toLowerCase();
  if (['yes', 'y', 'true', 't', 'on', '1'].includes(t)) return true;
  if (['no', 'n', 'false', 'f', 'off', '0'].includes(t)) return false;
  throw fail('must be true or false');
}

/** `~` is the home directory; a relative path in esbplay.cfg is relative to the file (as Ansible reads ansible.cfg). */
function resolvePath(p: string, raw: Raw, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? os.homedir();
  const expanded = p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
  if (raw.loc === undefined || path.isAbsolute(expanded)) return expanded;
  return path.resolve(raw.baseDir, expanded);
}
