// `esbplay init [DIR]`: a ready project from the package's playbooks and example inventory, with a README, esbplay.cfg and editor settings.

import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { packagePath } from '../package-root.js';
import { FILES_README } from './prod-inventory.js';
import { PROJECT_CFG, VSCODE_SETTINGS, projectReadme } from './project-readme.js';

/** The playbooks a project starts with; those the package does not ship (yet) are reported. */
export const WANTED_PLAYBOOKS = ['site.yml', 'verify.yml', 'rolling-restart.yml'] as const;

export interface InitResult {
  readonly dir: string;
  /** files written, relative to dir */
  readonly written: readonly string[];
  /** wanted playbooks the package does not ship */
  readonly missing: readonly string[];
}

/** Every file under dir, relative to it. */
function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel))
    .sort()
    .flatMap((n) => {
      const r = path.join(rel, n);
      return statSync(path.join(dir, r)).isDirectory() ? listFiles(dir, r) : [r];
    });
}

/** Writes the project; refuses to overwrite an existing file unless `force`. */
export function initProject(dir: string, opts: { readonly force?: boolean } = {}): InitResult {
  const files = new Map<string, { from?: string; text?: string }>();
  const pbDir = packagePath('playbooks');
  const shipped = existsSync(pbDir)
    ? readdirSync(pbDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  for (const f of shipped) files.set(path.join('playbooks', f), { from: path.join(pbDir, f) });
  const invDir = packagePath('inventories', 'prod');
  if (!existsSync(invDir))
    throw new UserError(`esbplay init: this esbplay package has no example inventory (${invDir}); reinstall esbplay`);
  for (const f of listFiles(invDir)) files.set(path.join('inventories', 'prod', f), { from: path.join(invDir, f) });
  const missing = WANTED_PLAYBOOKS.filter((p) => !shipped.includes(p));
  files.set('README.md', { text: projectReadme(path.basename(path.resolve(dir)), shipped, missing) });
  files.set('esbplay.cfg', { text: PROJECT_CFG });
  files.set(path.join('.vscode', 'settings.json'), { text: VSCODE_SETTINGS });
  files.set(path.join('files', 'README.md'), { text: FILES_README });
  files.set(path.join('roles', 'README.md'), {
    text: '# roles\n\nYour own roles. A role here takes precedence over the one esbplay ships with the same name.\n',
  });
  const clash = [...files.keys()].filter((f) => existsSync(path.join(dir, f)));
  if (clash.length > 0 && !opts.force) {
    throw new UserError(
      `esbplay init: ${path.resolve(dir)} already has ${clash.slice(0, 5).join(', ')}${clash.length > 5 ? ', ...' : ''}; use another directory or --force to overwrite them`,
    );
  }
  for (const [rel, src] of files) {
    const target = path.join(dir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    if (src.from) copyFileSync(src.from, target);
    else writeFileSync(target, src.text ?? '');
  }
  return { dir: path.resolve(dir), written: [...files.keys()], missing };
}
