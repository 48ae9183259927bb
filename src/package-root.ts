// Where the installed esbplay package lives (its roles/, playbooks/, inventories/, schema/ and package.json).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root directory: the parent of dist/ (built) or of src/ (run from source). */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

/** A path inside the package. */
export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}

/** name and version from the package's package.json. */
export function packageInfo(): { readonly name: string; readonly version: string } {
  const json = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name?: unknown; version?: unknown };
  return { name: String(json.name ?? 'esbplay'), version: String(json.version ?? '0.0.0') };
}
