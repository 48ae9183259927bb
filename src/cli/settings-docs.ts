// The settings table of docs/cli.md, generated from the settings declaration (test/cli/docs.test.ts keeps the page in sync).

import { RUN_SETTINGS, type SettingSpec } from './run-settings.js';

export const SETTINGS_BEGIN = '<!-- settings:begin (generated from src/cli/run-settings.ts; do not edit) -->';
export const SETTINGS_END = '<!-- settings:end -->';

const code = (s: string) => `\`${s}\``;

/** One row per setting: flag, esbplay.cfg key, environment variables, meaning. */
export function renderSettingsTable(): string {
  const rows = ['| flag | esbplay.cfg | environment | meaning |', '| --- | --- | --- | --- |'];
  for (const spec of Object.values(RUN_SETTINGS) as SettingSpec[]) {
    const flag = spec.flags ? code(spec.flags.replace(/ <[^>]+>/, '').replace(/, /g, '`, `')) : '';
    const ini = (spec.ini ?? []).map((k) => code(`[${k.split('.')[0]}] ${k.split('.')[1]}`)).join(', ');
    const env = (spec.env ?? []).map(code).join(', ');
    rows.push(`| ${flag} | ${ini} | ${env} | ${spec.description.replace(/\|/g, '\\|')} |`);
  }
  return `${SETTINGS_BEGIN}\n${rows.join('\n')}\n${SETTINGS_END}`;
}
