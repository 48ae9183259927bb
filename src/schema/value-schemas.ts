// JSON Schema fragments for one keyword value (by its kind) and one module argument (by its ArgSpec).

import type { KeywordKind } from '../loader/keywords.js';
import type { ArgSpec, ArgType, ModuleDefinition } from '../modules/types.js';

export type JsonSchema = Record<string, unknown>;

/** A Jinja expression written where another type is expected: `"{{ flag }}"`. */
export const TEMPLATE: JsonSchema = { type: 'string', pattern: '\\{\\{|\\{%' };

const strings: JsonSchema = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const condition: JsonSchema = { type: ['string', 'boolean'] };

/** The schema of a keyword value of this kind ('section' keywords are described by their level's schema). */
export function keywordValueSchema(kind: KeywordKind, doc: string): JsonSchema {
  const body = ((): JsonSchema => {
    switch (kind) {
      case 'string':
        return { type: ['string', 'number'] };
      case 'bool':
        return { anyOf: [{ type: 'boolean' }, TEMPLATE] };
      case 'number':
        return { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*$' }, TEMPLATE] };
      case 'count':
        return { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\s*\\d+\\s*$' }, TEMPLATE] };
      case 'strings':
        return strings;
      case 'conditions':
        return { anyOf: [condition, { type: 'array', items: condition }] };
      case 'vars':
        return { type: 'object' };
      case 'mapping':
        return { anyOf: [{ type: 'object' }, TEMPLATE] };
      default:
        return {};
    }
  })();
  return { description: plain(doc), ...body };
}

function typeSchema(type: ArgType | undefined): JsonSchema {
  switch (type) {
    case 'str':
    case 'path':
      return { type: ['string', 'number', 'boolean'] };
    case 'int':
      return { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\s*-?\\d+\\s*$' }, TEMPLATE] };
    case 'bool':
      return { anyOf: [{ type: 'boolean' }, TEMPLATE] };
    case 'mode':
      return { type: ['string', 'integer'] };
    case 'list':
      return { anyOf: [{ type: 'array' }, { type: 'string' }] };
    case 'dict':
      return { anyOf: [{ type: 'object' }, TEMPLATE] };
    default:
      return {};
  }
}

/** One argument: its type (or a template), its choices, its description and default for the editor. */
export function argSchema(spec: ArgSpec): JsonSchema {
  let body = typeSchema(spec.type);
  if (spec.type === 'list' && spec.elements) body = { anyOf: [{ type: 'array', items: typeSchema(spec.elements) }, { type: 'string' }] };
  if (spec.choices) body = { anyOf: [{ enum: [...spec.choices] }, TEMPLATE] };
  const extra: JsonSchema = spec.default !== undefined && typeof spec.default !== 'function' ? { default: spec.default } : {};
  return { description: plain(spec.description), ...extra, ...body };
}

/**
 * A module's value in a task: a mapping of its arguments (every name and alias listed, no other
 * unless the module takes any), a `k=v` / free-form string, or nothing. Required arguments are
 * not enforced: `args:` may supply them.
 */
export function moduleSchema(name: string, def: ModuleDefinition): JsonSchema {
  const properties: JsonSchema = {};
  for (const [arg, spec] of Object.entries(def.schema.args)) {
    properties[arg] = argSchema(spec);
    for (const alias of spec.aliases ?? []) properties[alias] = { ...argSchema(spec), description: `alias of ${arg}` };
  }
  return {
    description: plain(`${name}: ${def.summary}`),
    anyOf: [{ type: 'object', properties, additionalProperties: def.schema.anyArgs === true }, { type: 'string' }, { type: 'null' }],
  };
}

/** Docs text without markdown links (editors show descriptions as plain text). */
function plain(text: string): string {
  return text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
}
