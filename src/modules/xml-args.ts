// Arguments of the xml module: the per-edit schema (shared by top-level args and `edits:` items) and conversion to XmlEdit.

import type { ArgSpec, ModuleDefinition } from './types.js';
import { ArgError, validateArgs } from './args.js';
import { scalarText } from '../xml/children.js';
import { XmlEditError, type XmlEdit } from '../xml/index.js';
import { reveal } from '../vars/secret.js';
import type { Mode } from './symbolic-mode.js';

export const EDIT_ARGS = {
  xpath: { type: 'str', description: 'XPath 1.0 expression selecting the nodes to edit or read. A simple path that matches nothing is created (ensure-path).' },
  value: {
    type: 'raw',
    description: 'Desired text of the matched element, or the value of `attribute`. Numbers and booleans are written as `4200`, `true`.',
  },
  attribute: { type: 'str', description: 'Attribute (name without @) of the matched element to set to `value` (or to remove with `state: absent`).' },
  state: { type: 'str', default: 'present', choices: ['present', 'absent'], aliases: ['ensure'], description: '`absent` removes the matched elements, or `attribute` from them.' },
  set_children: { type: 'list', description: 'Replace all children of the matched element with these (YAML mappings or XML strings); no change when they are already exactly these.' },
  add_children: { type: 'list', description: 'Add these children (YAML mappings or XML strings) to the matched element, each only if an identical child is not already there.' },
  input_type: { type: 'str', default: 'yaml', choices: ['yaml', 'xml'], description: 'How string children are read: `yaml` (a tag name; strings starting with `<` are XML anyway) or `xml`.' },
  insertbefore: { type: 'bool', default: false, description: 'With add_children: insert them as siblings just before the matched element.' },
  insertafter: { type: 'bool', default: false, description: 'With add_children: insert them as siblings just after the matched element.' },
  multiple: { type: 'bool', default: false, description: 'Allow an edit to change every node it matches; without it an edit matching several nodes fails.' },
} as const satisfies Record<string, ArgSpec>;

export interface XmlArgs {
  path?: string;
  xmlstring?: string;
  xpath?: string;
  value?: unknown;
  attribute?: string;
  state: 'present' | 'absent';
  set_children?: unknown[];
  add_children?: unknown[];
  input_type: 'yaml' | 'xml';
  insertbefore: boolean;
  insertafter: boolean;
  multiple: boolean;
  namespaces: Record<string, unknown>;
  edits?: Record<string, unknown>[];
  count: boolean;
  print_match: boolean;
  content?: string;
  backup: boolean;
  mode?: Mode;
  owner?: string;
  group?: string;
}

type EditArgs = Pick<XmlArgs, 'xpath' | 'value' | 'attribute' | 'state' | 'set_children' | 'add_children' | 'input_type' | 'insertbefore' | 'insertafter' | 'multiple'>;

/** A pseudo-definition so each `edits:` item is validated like module arguments (names, types, choices). */
const EDIT_ITEM = {
  name: 'xml edits item',
  schema: {
    args: { ...EDIT_ARGS, xpath: { ...EDIT_ARGS.xpath, required: true } },
    mutuallyExclusive: [['value', 'set_children', 'add_children'], ['insertbefore', 'insertafter']],
  },
} as unknown as ModuleDefinition;

/** The edits of a task: the `edits:` list, or the single edit given by top-level arguments. */
export function parseEdits(args: XmlArgs, file: string): XmlEdit[] {
  if (!args.edits) return [toEdit(args, `${file}: value`)];
  if (!args.edits.length) throw new XmlEditError(`${file}: edits is an empty list`);
  return args.edits.map((raw, i) => {
    let item: EditArgs;
    try {
      item = validateArgs(EDIT_ITEM, raw) as unknown as EditArgs;
    } catch (e) {
      if (e instanceof ArgError) throw new XmlEditError(`${file}: edits[${i}]: ${e.message}`);
      throw e;
    }
    return toEdit(item, `${file}: edits[${i}].value`);
  });
}

function toEdit(a: EditArgs, where: string): XmlEdit {
  const value = revealDeep(a.value);
  return {
    xpath: a.xpath!,
    value: value === undefined || value === null ? undefined : scalarText(value, where),
    attribute: a.attribute,
    state: a.state,
    setChildren: a.set_children ? (revealDeep(a.set_children) as unknown[]) : undefined,
    addChildren: a.add_children ? (revealDeep(a.add_children) as unknown[]) : undefined,
    inputType: a.input_type,
    insertBefore: a.insertbefore,
    insertAfter: a.insertafter,
    multiple: a.multiple,
  };
}

/** Secret values are written into the file as their plain text (the executor masks them in output). */
function revealDeep(v: unknown): unknown {
  const r = reveal(v);
  if (Array.isArray(r)) return r.map(revealDeep);
  if (r && typeof r === 'object') return Object.fromEntries(Object.entries(r).map(([k, x]) => [k, revealDeep(x)]));
  return r;
}
