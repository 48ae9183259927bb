// JSON Schemas (draft-07) for playbooks, task files, role meta and YAML inventories, generated from the keyword table and the module definitions.

import { INCLUDE_ACTIONS, KEYWORDS, MODULE_PREFIXES, keywordsOf, type Keyword, type KeywordSpec, type Level } from '../loader/keywords.js';
import { builtinModules } from '../modules/registry.js';
import type { ModuleDefinition } from '../modules/types.js';
import { keywordValueSchema, moduleSchema, TEMPLATE, type JsonSchema } from './value-schemas.js';

const DRAFT = 'http://json-schema.org/draft-07/schema#';
const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const strings: JsonSchema = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

/** What the executor itself runs (no module definition), with the shape of their arguments. */
const ACTION_SCHEMAS: Record<(typeof INCLUDE_ACTIONS)[number], JsonSchema> = {
  include_tasks: {
    description: 'include a task file at run time (per host, per loop item)',
    anyOf: [
      { type: 'string' },
      { type: 'object', properties: { file: { type: 'string' }, apply: { type: 'object' } }, additionalProperties: false },
    ],
  },
  import_tasks: {
    description: 'import a task file when the playbook is loaded (static)',
    anyOf: [{ type: 'string' }, { type: 'object', properties: { file: { type: 'string' } }, additionalProperties: false }],
  },
  include_role: { description: 'run a role at run time', type: 'object', required: ['name'] },
  import_role: { description: "import a role's tasks when the playbook is loaded (static)", type: 'object', required: ['name'] },
  meta: { description: 'flush_handlers, end_play, end_host, noop, ...', type: 'string' },
  include_vars: { description: 'load variables from a file or directory', anyOf: [{ type: 'string' }, { type: 'object' }] },
};

/** Every way a task may name a module or action: `copy`, `ansible.builtin.copy`, ... */
function actionKeys(name: string): string[] {
  return [name, ...MODULE_PREFIXES.map((p) => `${p}${name}`)];
}

/** The keywords of a level (not its sections) as properties. */
function keywordProperties(level: Level): JsonSchema {
  const out: JsonSchema = {};
  for (const k of keywordsOf(level)) {
    const spec: KeywordSpec = KEYWORDS[k as Keyword];
    if (spec.kind !== 'section') out[k] = keywordValueSchema(spec.kind, spec.doc);
  }
  return out;
}

function taskSchema(modules: ReadonlyMap<string, ModuleDefinition>): JsonSchema {
  const properties = keywordProperties('task');
  const oneModule: JsonSchema[] = [];
  const add = (name: string, def: string) => {
    actionKeys(name).forEach((key, i) => {
      properties[key] = i === 0 ? ref(def) : { ...ref(def), doNotSuggest: true };
      oneModule.push({ required: [key] });
    });
  };
  for (const name of modules.keys()) add(name, `module_${name}`);
  for (const name of INCLUDE_ACTIONS) add(name, `action_${name}`);
  return {
    type: 'object',
    description: 'a task: keywords and exactly one module',
    properties,
    additionalProperties: false,
    oneOf: oneModule,
  };
}

function blockSchema(): JsonSchema {
  const tasks = ref('tasks');
  return {
    type: 'object',
    description: 'a block of tasks',
    properties: { ...keywordProperties('block'), block: tasks, rescue: tasks, always: tasks },
    required: ['block'],
    additionalProperties: false,
  };
}

function roleEntrySchema(): JsonSchema {
  return {
    anyOf: [
      { type: 'string', description: 'a role name or path' },
      {
        type: 'object',
        description: "a role with keywords; other keys are the role's parameters",
        properties: { role: { type: 'string' }, name: { type: 'string' }, ...keywordProperties('role') },
        anyOf: [{ required: ['role'] }, { required: ['name'] }],
      },
    ],
  };
}

function playSchema(): JsonSchema {
  const tasks = ref('tasks');
  const sections: JsonSchema = {
    hosts: { description: 'host pattern the play runs on', ...strings },
    vars_files: { description: 'files of play variables', anyOf: [{ type: 'string' }, { type: 'array', items: strings }] },
    roles: { type: 'array', items: ref('role_entry') },
    pre_tasks: tasks,
    tasks,
    post_tasks: tasks,
    handlers: tasks,
    serial: {
      description: 'batch size: a number, a percentage or a list of them',
      anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'array', items: { type: ['integer', 'string'] } }],
    },
  };
  return {
    type: 'object',
    description: 'a play',
    properties: { ...keywordProperties('play'), ...sections },
    required: ['hosts'],
    additionalProperties: false,
  };
}

/** Shared definitions: every module's arguments, the actions, tasks, blocks, role entries. */
function definitions(modules: ReadonlyMap<string, ModuleDefinition>): JsonSchema {
  const defs: JsonSchema = {};
  for (const [name, def] of modules) defs[`module_${name}`] = moduleSchema(name, def);
  for (const [name, schema] of Object.entries(ACTION_SCHEMAS)) defs[`action_${name}`] = schema;
  defs.task = taskSchema(modules);
  defs.block = blockSchema();
  defs.tasks = { type: 'array', items: { anyOf: [ref('block'), ref('task')] } };
  defs.role_entry = roleEntrySchema();
  defs.play = playSchema();
  defs.import_playbook = {
    type: 'object',
    properties: { import_playbook: { type: 'string', description: 'a playbook file, relative to this one' }, name: { type: 'string' } },
    required: ['import_playbook'],
    additionalProperties: false,
  };
  return defs;
}

function sortedModules(): Map<string, ModuleDefinition> {
  const all = builtinModules as Readonly<Record<string, ModuleDefinition>>;
  return new Map(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]!]),
  );
}

/** playbook.schema.json: a list of plays and import_playbook entries. */
export function playbookSchema(): JsonSchema {
  return {
    $schema: DRAFT,
    title: 'esbplay playbook',
    type: 'array',
    items: { anyOf: [ref('import_playbook'), ref('play')] },
    definitions: definitions(sortedModules()),
  };
}

/** tasks.schema.json: a task file (role tasks/ and handlers/, include_tasks files). */
export function tasksSchema(): JsonSchema {
  const defs = definitions(sortedModules());
  delete defs.play;
  delete defs.import_playbook;
  return { $schema: DRAFT, title: 'esbplay task file', ...ref('tasks'), definitions: defs };
}

/** role-meta.schema.json: a role's meta/main.yml. */
export function roleMetaSchema(): JsonSchema {
  return {
    $schema: DRAFT,
    title: 'esbplay role meta/main.yml',
    type: 'object',
    properties: {
      dependencies: { type: 'array', items: ref('role_entry'), description: 'roles run before this one' },
      allow_duplicates: {
        anyOf: [{ type: 'boolean' }, TEMPLATE],
        description: 'run again when used twice in a play with the same parameters',
      },
      galaxy_info: { type: 'object', description: 'accepted, not used' },
    },
    additionalProperties: false,
    definitions: { role_entry: roleEntrySchema() },
  };
}

/** inventory.schema.json: a YAML inventory (groups with hosts, vars and children). */
export function inventorySchema(): JsonSchema {
  const group: JsonSchema = {
    type: ['object', 'null'],
    properties: {
      hosts: { type: ['object', 'null'], description: 'host name -> its variables', additionalProperties: { type: ['object', 'null'] } },
      vars: { type: ['object', 'null'], description: 'variables of every host of the group' },
      children: { type: ['object', 'null'], description: 'child groups', additionalProperties: ref('group') },
    },
    additionalProperties: false,
  };
  return { $schema: DRAFT, title: 'esbplay YAML inventory', type: 'object', additionalProperties: ref('group'), definitions: { group } };
}

/** Every generated schema by its file name under schema/. */
export function allSchemas(): Record<string, JsonSchema> {
  return {
    'playbook.schema.json': playbookSchema(),
    'tasks.schema.json': tasksSchema(),
    'role-meta.schema.json': roleMetaSchema(),
    'inventory.schema.json': inventorySchema(),
  };
}
