// The command-line options of `esbplay run`, built from the settings table, and the values the user actually typed.

import { Option, type Command } from 'commander';
import { RUN_SETTINGS, type SettingName, type SettingSpec } from './run-settings.js';

const collectList = (v: string, prev: string[] | undefined) => [
  ...(prev ?? []),
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];
const collectRaw = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];
const count = (_v: string, prev: number | undefined) => (prev ?? 0) + 1;

/** Adds every setting that has a flag; no defaults here: an option's absence lets env and esbplay.cfg speak. */
export function addRunFlags(cmd: Command): Map<string, SettingName> {
  const attrs = new Map<string, SettingName>();
  for (const [name, spec] of Object.entries(RUN_SETTINGS) as [SettingName, SettingSpec][]) {
    if (!spec.flags) continue;
    const opt = new Option(spec.flags, spec.description);
    if (spec.type === 'list') opt.argParser(collectList);
    else if (spec.type === 'raw') opt.argParser(collectRaw);
    else if (spec.type === 'count') opt.argParser(count);
    if (spec.choices) opt.choices(spec.choices);
    cmd.addOption(opt);
    attrs.set(opt.attributeName(), name);
  }
  return attrs;
}

/** The settings given on the command line (negatable flags only when typed: `--no-color`). */
export function typedFlags(cmd: Command, attrs: ReadonlyMap<string, SettingName>): Partial<Record<SettingName, unknown>> {
  const out: Partial<Record<SettingName, unknown>> = {};
  const opts = cmd.opts<Record<string, unknown>>();
  for (const [attr, name] of attrs) {
    if (cmd.getOptionValueSource(attr) === 'cli') out[name] = opts[attr];
  }
  return out;
}

/** The flag a setting is typed as, for messages: `-f/--forks`. */
export function flagLabel(name: SettingName): string | undefined {
  const spec: SettingSpec = RUN_SETTINGS[name];
  return spec.flags
    ?.split(/[ ,]+/)
    .filter((f) => f.startsWith('-'))
    .join('/');
}
