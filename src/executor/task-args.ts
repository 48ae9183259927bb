// Renders a task's arguments for one host and validates them against the module's schema.

import type { TaskNode } from '../loader/model.js';
import type { ModuleDefinition } from '../modules/types.js';
import { ArgError, parseKeyValueArgs, validateArgs } from '../modules/args.js';
import { renderValue } from '../vars/render.js';
import { errorAtLoc, locOf, sourceLine } from '../loader/yaml.js';
import { UserError } from '../errors.js';
import { OMIT } from './var-scope.js';

type Obj = Record<string, unknown>;

/** The task's args before templating: a mapping (k=v strings are split here). */
export function rawArgs(task: TaskNode, def: ModuleDefinition): Obj {
  const a = task.args;
  try {
    if (typeof a === 'string') return parseKeyValueArgs(a, def.schema.freeForm);
    if (a === null || a === undefined) return {};
    if (typeof a === 'object' && !Array.isArray(a)) {
      const { _raw_params: free, ...rest } = a as Obj;
      return free === undefined ? (a as Obj) : { ...parseKeyValueArgs(String(free), def.schema.freeForm), ...rest };
    }
  } catch (e) {
    if (e instanceof ArgError) throw errorAtLoc(e.message, task.argsLoc);
    throw e;
  }
  throw errorAtLoc(`arguments of '${task.module}' must be a mapping or a key=value string`, task.argsLoc);
}

/** Renders and validates; errors point at the argument's own line when known. */
export function renderArgs(task: TaskNode, def: ModuleDefinition, vars: Obj): Obj {
  const raw = rawArgs(task, def);
  const rendered: Obj = {};
  for (const [k, v] of Object.entries(raw)) {
    const loc = (typeof task.args === 'object' && locOf(task.args, k)) || task.argsLoc;
    const r = def.schema.expressionArgs?.includes(k) ? v : renderValue(v, vars, loc);
    if (r !== OMIT) rendered[k] = stripOmit(r);
  }
  try {
    return validateArgs(def, rendered);
  } catch (e) {
    if (e instanceof ArgError) {
      const loc = (e.arg && typeof task.args === 'object' && task.args !== null && locOf(task.args, e.arg)) || task.argsLoc;
      throw new UserError(e.message, loc, sourceLine(loc));
    }
    throw e;
  }
}

function stripOmit(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== OMIT).map(stripOmit);
  if (v && typeof v === 'object' && v.constructor === Object) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== OMIT) out[k] = stripOmit(x);
    return out;
  }
  return v;
}
