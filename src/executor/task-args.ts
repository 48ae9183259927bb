// Renders a task's arguments for one host and validates them against the module's schema.

import type { TaskNode } from '../loader/model.js';
import type { ModuleDefinition } from '../modules/types.js';
import { ArgError, validateArgs } from '../modules/args.js';
import { ArgStringError, COMMAND_KEYS, FREEFORM_ACTIONS, parseKv } from '../loader/kv-args.js';
import { renderValue } from '../vars/render.js';
import { errorAtLoc, locOf, sourceLine } from '../loader/yaml.js';
import { UserError } from '../errors.js';
import { OMIT } from './var-scope.js';

type Obj = Record<string, unknown>;

/** The task's args before templating: a mapping (k=v strings are split here, as Ansible splits them). */
export function rawArgs(task: TaskNode, def: ModuleDefinition): Obj {
  const a = task.args;
  try {
    if (typeof a === 'string') return splitArgString(a, def);
    if (a === null || a === undefined) return {};
    if (typeof a === 'object' && !Array.isArray(a)) {
      const { _raw_params: free, ...rest } = a as Obj;
      return free === undefined ? (a as Obj) : { ...splitArgString(String(free), def), ...rest };
    }
  } catch (e) {
    if (e instanceof ArgStringError) throw errorAtLoc(e.message, task.argsLoc);
    throw e;
  }
  throw errorAtLoc(`arguments of '${task.module}' must be a mapping or a key=value string`, task.argsLoc);
}

/**
 * `k=v` words are arguments; for command/shell (Ansible's free-form actions) only its fixed keys
 * (creates=, chdir=, ...) are, and the rest is the command text kept as written (newlines too).
 * Other modules with a free-form argument (include_vars: file.yml) take the non-k=v words there.
 */
function splitArgString(text: string, def: ModuleDefinition): Obj {
  const free = def.schema.freeForm;
  const { _raw_params: raw, ...options } = parseKv(text, FREEFORM_ACTIONS.includes(def.name) ? COMMAND_KEYS : undefined);
  if (raw === undefined) return options;
  if (!free) throw new ArgStringError(`unexpected free-form text '${raw}' (${def.name} takes key=value arguments)`);
  return { ...options, [free]: raw };
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
