// Reads YAML (Ansible's YAML 1.1 flavour: yes/no booleans, 0644 octal) keeping file:line:col of every node.

import { LineCounter, parseDocument, type Tags, isMap, isSeq, isScalar, isAlias, isPair, type Node, type Document } from 'yaml';
import { UserError, type SourceLoc } from '../errors.js';
import { checkYamlText, YamlBudget } from './yaml-limits.js';
import { readInputFile } from './text-input.js';
import { Secret } from '../vars/secret.js';
import { decryptFileText, decryptInlineVault } from '../vault/scope.js';
import { markSecretLeaves } from '../vault/secret-leaves.js';

interface NodeInfo {
  loc: SourceLoc;
  keys: Map<string, SourceLoc>;
  values: Map<string | number, SourceLoc>;
}

const info = new WeakMap<object, NodeInfo>();

/** Location of a mapping/list, or of one of its keys / items. */
export function locOf(obj: unknown, key?: string | number): SourceLoc | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  const i = info.get(obj);
  if (!i) return undefined;
  if (key === undefined) return i.loc;
  return (typeof key === 'string' ? i.keys.get(key) : undefined) ?? i.values.get(key) ?? i.loc;
}

/** Location of the value under key (falls back to the key, then the object). */
export function valueLocOf(obj: unknown, key: string | number): SourceLoc | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  const i = info.get(obj);
  return i?.values.get(key) ?? (typeof key === 'string' ? i?.keys.get(key) : undefined) ?? i?.loc;
}

/** Attach a location to an object built in code (e.g. a task made from an include). */
export function setLoc(obj: object, loc: SourceLoc): void {
  if (!info.has(obj)) info.set(obj, { loc, keys: new Map(), values: new Map() });
}

const sourceCache = new Map<string, string[]>();

/** The text of line `line` of a file already loaded (for error messages). */
export function sourceLine(loc: SourceLoc | undefined): string | undefined {
  if (!loc) return undefined;
  return sourceCache.get(loc.file)?.[loc.line - 1];
}

/** UserError pointing at a node (or one of its keys) with the offending line. */
export function errorAt(message: string, obj: unknown, key?: string | number): UserError {
  const loc = locOf(obj, key);
  return new UserError(message, loc, sourceLine(loc));
}

export function errorAtLoc(message: string, loc: SourceLoc | undefined): UserError {
  return new UserError(message, loc, sourceLine(loc));
}

export function parseYaml(text: string, file: string): unknown {
  checkYamlText(text, file);
  sourceCache.set(file, text.split(/\r?\n/));
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, version: '1.1', prettyErrors: false, uniqueKeys: true, merge: true, customTags: ansibleTags });
  const toLoc = (offset: number): SourceLoc => {
    const p = lc.linePos(offset);
    return { file, line: p.line, col: p.col };
  };
  const err = doc.errors[0];
  if (err) {
    const loc = toLoc(err.pos[0]);
    const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/^Maximum call stack size exceeded$/, 'nested too deeply');
    throw new UserError(`YAML syntax error: ${msg}`, loc, sourceLine(loc));
  }
  budgets.set(doc, new YamlBudget());
  return convert(doc, doc.contents as Node | null, toLoc);
}

export function loadYamlFile(file: string, from?: SourceLoc): unknown {
  // size-limited, decoded as UTF-8 (or UTF-16 with a BOM) or refused with file:line:col, never U+FFFD
  const text = readInputFile(file, from).text;
  const opened = decryptFileText(text, file);
  return opened.vaulted ? parseVaultedYaml(opened.text, file) : parseYaml(text, file);
}

/** A decrypted vault file: every string in it is a Secret, and its lines never appear in messages. */
function parseVaultedYaml(text: string, file: string): unknown {
  try {
    return markSecretLeaves(parseYaml(text, file));
  } catch (e) {
    if (e instanceof UserError) throw new UserError(`${e.message} (in the decrypted vault file)`, e.loc);
    throw e;
  } finally {
    sourceCache.delete(file);
  }
}

// PyYAML (Ansible) reads yes/no/on/off/true/false as booleans but, unlike YAML 1.1, not y/n.
const BOOL_TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const BOOL_FALSE = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const ansibleBool = (value: boolean, test: RegExp) => ({
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test,
  resolve: () => value,
});

function ansibleTags(tags: Tags): Tags {
  return [ansibleBool(true, BOOL_TRUE), ansibleBool(false, BOOL_FALSE), ...tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:bool'), vaultTag, secretTag];
}

// `!vault |` values are decrypted and `!secret` values marked in convert(), where their file:line is known.
const vaultTag = { tag: '!vault', resolve: (str: string) => str };
const secretTag = { tag: '!secret', resolve: (str: string) => str };

/** Per document: what converting it may still produce (alias bombs, recursive aliases, depth). */
const budgets = new WeakMap<Document, YamlBudget>();

function convert(doc: Document, node: Node | null, toLoc: (o: number) => SourceLoc): unknown {
  if (node === null || node === undefined) return null;
  const budget = budgets.get(doc)!;
  const at = () => toLoc(node.range?.[0] ?? 0);
  if (isAlias(node)) {
    const target = node.resolve(doc) as Node | undefined;
    budget.alias(node.source, target, at);
    return convert(doc, target ?? null, toLoc);
  }
  if (isScalar(node)) return convertNode(doc, node, toLoc);
  budget.enter(node, at);
  try {
    return convertNode(doc, node, toLoc);
  } finally {
    budget.leave(node);
  }
}

function convertNode(doc: Document, node: Node, toLoc: (o: number) => SourceLoc): unknown {
  if (isScalar(node)) {
    if (node.tag === '!vault') return decryptInlineVault(String(node.value), toLoc(node.range?.[0] ?? 0));
    if (node.tag === '!secret') return new Secret(node.value === null ? '' : String(node.value));
    return node.value;
  }
  if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    const i: NodeInfo = { loc: toLoc(node.range?.[0] ?? 0), keys: new Map(), values: new Map() };
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      // with `merge: true` the yaml package gives the `<<` key as a symbol
      if (isScalar(keyNode) && (keyNode.value === '<<' || typeof keyNode.value === 'symbol')) {
        const merged = convert(doc, pair.value as Node, toLoc);
        for (const m of Array.isArray(merged) ? merged : [merged]) if (m && typeof m === 'object') for (const [k, v] of Object.entries(m)) if (!(k in obj)) obj[k] = v;
        continue;
      }
      const key = String(isScalar(keyNode) ? keyNode.value : convert(doc, keyNode, toLoc));
      obj[key] = convert(doc, pair.value as Node | null, toLoc);
      if (keyNode?.range) i.keys.set(key, toLoc(keyNode.range[0]));
      const vn = pair.value as Node | null;
      if (vn?.range) i.values.set(key, toLoc(vn.range[0]));
    }
    info.set(obj, i);
    return obj;
  }
  if (isSeq(node)) {
    const arr: unknown[] = [];
    const i: NodeInfo = { loc: toLoc(node.range?.[0] ?? 0), keys: new Map(), values: new Map() };
    node.items.forEach((item, idx) => {
      arr.push(convert(doc, item as Node, toLoc));
      const r = (item as Node | null)?.range;
      if (r) i.values.set(idx, toLoc(r[0]));
    });
    info.set(arr, i);
    return arr;
  }
  return null;
}
