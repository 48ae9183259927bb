// The `xml` module: XPath edits (community.general.xml arguments) that change only the edited bytes.

import type { ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';
import { ATTR_ARGS, BACKUP_ARG, planContentWrite, readRealTarget, type TargetState } from './file-common.js';
import { EDIT_ARGS, parseEdits, type XmlArgs } from './xml-args.js';
import { editXmlBytes, readMatches, XmlEditError } from '../xml/index.js';
import { readDeclaredEncoding } from '../xml/encoding.js';

export interface XmlCurrent {
  readonly target: TargetState | null;
  /** bytes of `xmlstring` when that is given instead of `path` */
  readonly xmlstring?: Buffer;
}

export const xmlModule = {
  name: 'xml',
  summary: 'Edit XML files with XPath (values, attributes, elements, children) changing only the edited bytes.',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', aliases: ['dest', 'file'], description: 'The XML file to edit or read (on the host). Symlinks are followed.' },
      xmlstring: { type: 'str', description: 'An XML document to edit instead of a file; the result is returned as `xmlstring`.' },
      ...EDIT_ARGS,
      namespaces: { type: 'dict', default: {}, description: 'Prefix -> namespace URI map for prefixed names in `xpath`. Unprefixed names match elements written without a prefix, whatever their default namespace (see docs/modules/xml.md).' },
      edits: {
        type: 'list',
        elements: 'dict',
        description: 'Several edits of the same file, applied in order to one read of the file and written once. Each item takes xpath, value, attribute, state, set_children, add_children, input_type, insertbefore, insertafter, multiple.',
      },
      count: { type: 'bool', default: false, description: 'Only count the nodes `xpath` matches; the result has `count`. Nothing is changed.' },
      print_match: { type: 'bool', default: false, description: 'Only return the matches in `matches` (and `count`). Nothing is changed.' },
      content: { type: 'str', choices: ['attribute', 'text'], description: "Only read: `matches` lists {tag: {attributes}} (`attribute`) or {tag: text} (`text`). Implies print_match." },
      backup: BACKUP_ARG,
      ...ATTR_ARGS,
    },
    mutuallyExclusive: [['path', 'xmlstring'], ['edits', 'xpath'], ['value', 'set_children', 'add_children'], ['insertbefore', 'insertafter']],
    requiredOneOf: [['path', 'xmlstring'], ['xpath', 'edits']],
  },

  async gather(ctx, args) {
    if (args.xmlstring !== undefined) return { target: null, xmlstring: Buffer.from(args.xmlstring, stringEncoding(args.xmlstring)) };
    return { target: await readRealTarget(ctx, 'xml', args.path!) };
  },

  plan(args, current): Plan {
    const target = current.target;
    const file = target?.path ?? '(xmlstring)';
    const bytes = current.xmlstring ?? target?.content ?? null;
    if (bytes === null) {
      if (target?.stat.type === 'directory') return failPlan(`xml: ${file} is a directory, not an XML file`);
      return failPlan(`xml: ${file} does not exist (the xml module edits existing files; create it first with copy or template)`);
    }
    try {
      const namespaces = checkNamespaces(args.namespaces);
      if (args.count || args.print_match || args.content) return planRead(args, bytes, file, namespaces);
      const edits = parseEdits(args, file);
      const r = editXmlBytes(bytes, file, edits, namespaces);
      const actions = r.outcomes.map((o) => ({ xpath: o.xpath, changed: o.changed, created: o.created, count: o.count }));
      if (!target) {
        return { changes: [], changed: r.changed, result: { xmlstring: decodeSame(r.bytes, bytes, args.xmlstring!), actions }, noopReason: r.changed ? undefined : 'xmlstring already as wanted' };
      }
      const done = r.outcomes.length === 1 ? `xpath ${r.outcomes[0]!.xpath}` : `all ${r.outcomes.length} edits`;
      return planContentWrite(target, r.bytes, {
        mode: args.mode,
        owner: args.owner,
        group: args.group,
        backup: args.backup,
        msg: `${r.outcomes.filter((o) => o.changed).length} of ${r.outcomes.length} edit(s) changed ${file}`,
        noopReason: `${file}: ${done} already as wanted (no bytes would change)`,
        result: { actions },
      });
    } catch (e) {
      if (e instanceof XmlEditError) return failPlan(e.message);
      throw e;
    }
  },
} as const satisfies ModuleDefinition<XmlArgs, XmlCurrent>;

function planRead(args: XmlArgs, bytes: Buffer, file: string, namespaces: Record<string, string>): Plan {
  if (args.xpath === undefined) return failPlan(`xml: count/print_match/content read one xpath; they cannot be used with edits (${file})`);
  if (args.value !== undefined || args.set_children || args.add_children || args.state === 'absent' || args.attribute !== undefined) {
    return failPlan(`xml: count/print_match/content only read; drop value/attribute/children/state: absent or run the read as its own task (${file})`);
  }
  const { count, matches } = readMatches(bytes, file, args.xpath, namespaces, args.content as 'attribute' | 'text' | undefined);
  const result: Record<string, unknown> = { count, msg: count };
  if (args.print_match || args.content) result.matches = matches;
  return { changes: [], noopReason: `read only: ${count} match(es) for ${args.xpath}`, result };
}

function checkNamespaces(ns: Record<string, unknown>): Record<string, string> {
  for (const [k, v] of Object.entries(ns)) {
    if (typeof v !== 'string') throw new XmlEditError(`xml: namespaces.${k} must be a namespace URI string`);
  }
  return ns as Record<string, string>;
}

function decodeSame(out: Buffer, input: Buffer, original: string): string {
  return out === input ? original : out.toString(stringEncoding(original));
}

/** xmlstring is text already: hand it to the editor in the bytes its declaration names. */
function stringEncoding(xml: string): 'utf8' | 'latin1' {
  const declared = readDeclaredEncoding(Buffer.from(xml.slice(0, 200), 'utf8'));
  return declared && !/^utf-?8$/i.test(declared) ? 'latin1' : 'utf8';
}
