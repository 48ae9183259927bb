// Cycle and depth detection for import_playbook, import_tasks, include_tasks and include_role: the error names the whole chain with file:line.

import path from 'node:path';
import { formatLoc, type SourceLoc } from '../errors.js';
import { errorAtLoc } from './yaml.js';

/** One file (or role) being loaded, and where it was imported or included from. */
export interface ChainLink {
  readonly file: string;
  readonly from?: SourceLoc;
}

/** Deepest nesting of imports/includes; a recursion with a stop condition must stop before this. */
export const MAX_NESTING = 64;

function describe(links: readonly ChainLink[], verb: string): string {
  return links.filter((l) => l.from).map((l) => `${formatLoc(l.from)} ${verb} ${path.basename(l.file)}`).join('; ');
}

/**
 * The chain with `file` appended. A static import of a file already in the chain is a cycle;
 * `allowRepeat` (runtime includes, which may stop on a condition) only limits the depth.
 */
export function enterChain(chain: readonly ChainLink[], file: string, from: SourceLoc | undefined, what: string, allowRepeat = false): ChainLink[] {
  const next = [...chain, { file, from }];
  const seen = chain.findIndex((l) => l.file === file);
  if (seen >= 0 && !allowRepeat) {
    throw errorAtLoc(`${what} cycle: ${describe(next.slice(seen + 1), 'loads')} (back to the start)`, from);
  }
  if (next.length > MAX_NESTING) {
    const tail = next.slice(-6);
    throw errorAtLoc(`${what} nested more than ${MAX_NESTING} levels deep (a recursion that never stops?): ... ${describe(tail, 'loads')}`, from);
  }
  return next;
}
