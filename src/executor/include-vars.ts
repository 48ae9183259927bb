// include_vars: load variables from YAML/JSON files (a file or a directory) on the controller into the host's scope.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadYamlFile } from '../loader/yaml.js';
import type { ModuleDefinition, Plan } from '../modules/types.js';
import { failPlan } from '../modules/types.js';

export interface IncludeVarsArgs {
  file?: string;
  dir?: string;
  name?: string;
  depth: number;
  files_matching?: string;
  ignore_files: string[];
  extensions: string[];
  ignore_unknown_extensions: boolean;
}

export interface Loaded {
  readonly files: string[];
  readonly vars: Record<string, unknown>;
  readonly error?: string;
}

/** Variables it loads sit between block/task vars and set_fact in precedence (Ansible's order). */
export const INCLUDE_VARS = 'include_vars';

/** Modules the executor itself provides (actions a library user's registry cannot replace). */
export function moduleOf(modules: ReadonlyMap<string, ModuleDefinition>, name: string): ModuleDefinition | undefined {
  return name === INCLUDE_VARS ? includeVarsModule : modules.get(name);
}

/** Where a module's facts go on the host: include_vars' own layer, or set_fact's. */
export function factsTarget(state: { facts: Record<string, unknown>; includedVars: Record<string, unknown> }, module: string): Record<string, unknown> {
  return module === INCLUDE_VARS ? state.includedVars : state.facts;
}

export const includeVarsModule = {
  name: INCLUDE_VARS,
  summary: 'Load variables from a YAML/JSON file or a directory of them (on the controller) for the tasks that follow on this host.',
  checkMode: 'full',
  controllerOnly: true,
  schema: {
    freeForm: 'file',
    args: {
      file: { type: 'path', description: "the file; a relative name is looked for in the role's vars/, then beside the task file, then the playbook's vars/ and dir" },
      dir: { type: 'path', description: "a directory (relative: in the role's vars/, else beside the task file): every file with a listed extension, sorted by name, recursively down to `depth`" },
      name: { type: 'str', description: 'put the variables under this one variable instead of the top level' },
      depth: { type: 'int', default: 0, description: 'with `dir`: how deep to descend (0 = no limit)' },
      files_matching: { type: 'str', description: 'with `dir`: only file names matching this regular expression' },
      ignore_files: { type: 'list', elements: 'str', default: [], description: 'with `dir`: file names to skip' },
      extensions: { type: 'list', elements: 'str', default: ['yaml', 'yml', 'json'], description: 'with `dir`: file extensions to load' },
      ignore_unknown_extensions: { type: 'bool', default: false, description: 'with `dir`: skip other files instead of failing' },
    },
    mutuallyExclusive: [['file', 'dir']],
    requiredOneOf: [['file', 'dir']],
  },

  async gather(ctx, args): Promise<Loaded> {
    return readIncludeVars(args, ctx.findFile as FindFile);
  },

  plan(args, loaded): Plan {
    if (loaded.error !== undefined) return failPlan(loaded.error);
    const facts = args.name !== undefined ? { [args.name]: loaded.vars } : loaded.vars;
    return { changes: [], changed: false, facts, noopReason: `loaded ${loaded.files.length} file(s)`, result: { ansible_facts: facts, ansible_included_var_files: loaded.files } };
  },
} satisfies ModuleDefinition<IncludeVarsArgs, Loaded>;

type FindFile = (kind: string, name: string) => string;

/** Reads the files (synchronously: the preflight loads them too, so later tasks are checked against them). */
export function readIncludeVars(args: IncludeVarsArgs, find: FindFile): Loaded {
  try {
    if (args.file !== undefined) return loadFiles([find('vars', args.file)]);
    return loadFiles(listDir(find('vars-dir', args.dir!), args));
  } catch (e) {
    return { files: [], vars: {}, error: (e as Error).message };
  }
}

function loadFiles(files: string[]): Loaded {
  const vars: Record<string, unknown> = {};
  for (const f of files) {
    const data = loadYamlFile(f);
    if (data === null || data === undefined) continue;
    if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${f} must hold a mapping of variable names to values`);
    Object.assign(vars, data);
  }
  return { files, vars };
}

function listDir(dir: string, args: IncludeVarsArgs, level = 1): string[] {
  const match = args.files_matching !== undefined ? new RegExp(args.files_matching) : undefined;
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (args.depth === 0 || level < args.depth) out.push(...listDir(full, args, level + 1));
      continue;
    }
    if (args.ignore_files.includes(name) || (match && !match.test(name))) continue;
    const ext = path.extname(name).slice(1);
    if (!args.extensions.includes(ext)) {
      if (args.ignore_unknown_extensions) continue;
      throw new Error(`${full} does not have a valid extension: ${args.extensions.join(', ')}`);
    }
    out.push(full);
  }
  return out;
}
