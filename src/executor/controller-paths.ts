// Checks a controller file a task names (template/copy src): it must not escape the project through '..', and a template must be a file.

import { statSync } from 'node:fs';
import path from 'node:path';
import type { SourceLoc } from '../errors.js';
import { errorAtLoc } from '../loader/yaml.js';

/** True when `child` is `root` or inside it. */
function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * `found` is where `name` was found. A relative name that climbs out of every root (the playbook's
 * directory, the role's directory) is refused: `../../etc/passwd` as a template must not ship the
 * controller's files to hosts. An absolute name is the user's explicit choice and is allowed.
 */
export function checkControllerPath(kind: 'templates' | 'files', name: string, found: string, roots: readonly string[], loc: SourceLoc): string {
  const what = kind === 'templates' ? 'template' : 'file';
  if (!path.isAbsolute(name) && name.split(/[\\/]/).includes('..') && !roots.some((r) => isInside(path.resolve(found), path.resolve(r)))) {
    throw errorAtLoc(`${what} '${name}' resolves to ${path.resolve(found)}, outside the playbook's directory and its roles; ` +
      'a relative src may not climb out of the project with ..; give an absolute path to use a file outside it', loc);
  }
  if (kind === 'templates' && statSync(found).isDirectory()) {
    throw errorAtLoc(`template '${name}' is a directory (${found}); src must name a template file`, loc);
  }
  return found;
}
