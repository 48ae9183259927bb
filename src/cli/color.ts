// Whether the human output is coloured: --no-color, then the environment (FORCE_COLOR, NO_COLOR), then esbplay.cfg, then "is it a terminal".

import type { ResolvedSettings } from './resolve-settings.js';

/**
 * The command line decides first (`--no-color`). Then the environment: FORCE_COLOR (any value but
 * empty, `0` or `false`) or ESBPLAY_FORCE_COLOR turn colours on, NO_COLOR (any non-empty value) or
 * ESBPLAY_NOCOLOR turn them off; when both are set, forcing wins as in Ansible. Then esbplay.cfg
 * (`force_color`, `nocolor`), and last whether the output is a terminal.
 */
export function decideColor(resolved: ResolvedSettings, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const s = resolved.settings;
  if (!s.color) return false;
  const fc = env.FORCE_COLOR;
  const fromEnv = (name: 'forceColor' | 'noColor') => resolved.origins[name]?.startsWith('ESBPLAY_') ?? false;
  const fromFile = (name: 'forceColor' | 'noColor') => (resolved.origins[name] ?? '').includes(':');
  if (fc !== undefined && fc !== '') return !['0', 'false'].includes(fc.toLowerCase());
  if (fromEnv('forceColor') && s.forceColor) return true;
  if ((env.NO_COLOR ?? '') !== '') return false;
  if (fromEnv('noColor') && s.noColor) return false;
  if (fromFile('forceColor') && s.forceColor) return true;
  if (fromFile('noColor') && s.noColor) return false;
  return isTTY;
}
