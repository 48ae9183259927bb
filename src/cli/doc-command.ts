// `esbplay doc MODULE`, `esbplay doc -l` and `esbplay doc -t keyword NAME`: module and keyword docs from their definitions, as ansible-doc prints them.

import type { Command } from 'commander';
import { KEYWORDS, type Keyword, type KeywordSpec } from '../loader/keywords.js';
import { canonicalModuleName } from '../loader/keywords.js';
import { builtinModules } from '../modules/registry.js';
import type { ArgSpec, ModuleDefinition } from '../modules/types.js';
import { UserError } from '../errors.js';
import { didYouMean } from '../util/closest.js';

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

const MODULES = builtinModules as Readonly<Record<string, ModuleDefinition>>;

export function addDocCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('doc')
    .description("show a module's arguments (like ansible-doc), list the modules (-l), or explain a playbook keyword (-t keyword)")
    .argument('[names...]', 'module or keyword names')
    .option('-l, --list', 'list every module with its summary')
    .option('-t, --type <type>', 'what the names are: module or keyword', 'module')
    .action((names: string[], f: { list?: boolean; type: string }) => {
      io.out.write(docText(names, f));
      done(0);
    });
}

/** The text `esbplay doc` prints; unknown names are a UserError (exit 5). */
export function docText(names: readonly string[], f: { list?: boolean; type?: string }): string {
  const type = f.type ?? 'module';
  if (type !== 'module' && type !== 'keyword')
    throw new UserError(`esbplay doc -t: '${type}' is not a documentation type (module, keyword)`);
  if (f.list) return type === 'keyword' ? listKeywords() : listModules();
  if (names.length === 0) throw new UserError('esbplay doc: name a module (esbplay doc copy), or list them with esbplay doc -l');
  return names.map((n) => (type === 'keyword' ? keywordDoc(n) : moduleDoc(n))).join('\n');
}

function listModules(): string {
  const names = Object.keys(MODULES).sort();
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return names.map((n) => `${n.padEnd(width)}${MODULES[n]!.summary}\n`).join('');
}

function listKeywords(): string {
  const names = Object.keys(KEYWORDS).sort();
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return names.map((n) => `${n.padEnd(width)}${plain((KEYWORDS[n as Keyword] as KeywordSpec).doc)}\n`).join('');
}

function moduleDoc(name: string): string {
  const key = canonicalModuleName(name);
  const def = MODULES[key];
  if (!def) throw new UserError(`esbplay doc: no module '${name}'${didYouMean(key, Object.keys(MODULES))}; esbplay doc -l lists them`);
  const out = [`> ${key.toUpperCase()}    (esbplay module)`, '', ...wrap(def.summary, 8), '', 'OPTIONS (= is mandatory):', ''];
  for (const [arg, spec] of Object.entries(def.schema.args)) out.push(...argDoc(arg, spec, def), '');
  const notes = constraintNotes(def);
  if (notes.length > 0) out.push('NOTES:', ...notes.flatMap((n) => wrap(`* ${n}`, 6)), '');
  out.push(`CHECK MODE: ${def.checkMode}`, '', `See docs/modules/${key}.md for examples.`, '');
  return out.join('\n');
}

function argDoc(arg: string, spec: ArgSpec, def: ModuleDefinition): string[] {
  const free = def.schema.freeForm === arg ? ' (free-form)' : '';
  const lines = [`${spec.required ? '=' : '-'} ${arg}${free}`, ...wrap(spec.description, 8)];
  if (spec.aliases?.length) lines.push(`        aliases: [${spec.aliases.join(', ')}]`);
  if (spec.choices?.length) lines.push(`        choices: [${spec.choices.map(String).join(', ')}]`);
  if (!spec.required) lines.push(`        default: ${spec.default === undefined ? 'null' : JSON.stringify(spec.default)}`);
  if (spec.secret) lines.push('        secret: the value is masked in every output');
  lines.push(`        type: ${spec.type}${spec.type === 'list' && spec.elements ? ` (elements: ${spec.elements})` : ''}`);
  return lines;
}

function constraintNotes(def: ModuleDefinition): string[] {
  const s = def.schema;
  const list = (names: readonly string[]) => names.join(', ');
  return [
    ...(s.mutuallyExclusive ?? []).map((set) => `mutually exclusive: ${list(set)}`),
    ...(s.requiredOneOf ?? []).map((set) => `one of ${list(set)} is required`),
    ...(s.requiredIf ?? []).map(([arg, value, req]) => `${arg}=${String(value)} requires ${list(req)}`),
  ];
}

function keywordDoc(name: string): string {
  const spec = (KEYWORDS as Readonly<Record<string, KeywordSpec>>)[name];
  if (!spec) throw new UserError(`esbplay doc -t keyword: no keyword '${name}'${didYouMean(name, Object.keys(KEYWORDS))}`);
  return [
    `${name}: ${plain(spec.doc)}`,
    `  applies to: ${spec.levels.join(', ')}`,
    ...(spec.inherited ? ['  inherited by blocks and tasks below'] : []),
    '',
  ].join('\n');
}

/** Markdown links and code marks as plain text. */
function plain(text: string): string {
  return text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`([^`]*)`/g, "'$1'");
}

/** Words wrapped to 70 columns under an indent. */
function wrap(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let cur = '';
  for (const word of plain(text).split(/\s+/).filter(Boolean)) {
    if (cur && pad.length + cur.length + 1 + word.length > 70) {
      lines.push(pad + cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(pad + cur);
  return lines;
}
