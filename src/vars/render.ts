// Renders template files and task strings with the Jinja engine as Ansible configures it (non-native: a lone `{{ expr }}` gives text unless it reads as a literal).

import { hostname } from 'node:os';
import path from 'node:path';
import { Secret } from './secret.js';
import { undefinedError, ExprError } from './expr/errors.js';
import type { Ast } from './expr/ast.js';
import type { Call } from './expr/callables.js';
import { textOf, isText, Missing, PyFloat, toPlain } from './expr/values.js';
import { pyStr } from './expr/py-string.js';
import { ANSIBLE_DEFAULTS, compileTemplate, type Compiled, type TemplateOptions } from './jinja/compile.js';
import { Frame } from './jinja/frame.js';
import { toTemplateError, type TemplateSource } from './jinja/locate.js';
import { makeLookupGlobals } from './jinja/lookups.js';
import { Cycler, Namespace, makeJoiner } from './jinja/objects.js';
import { TemplateRenderer, type RenderHost } from './jinja/renderer.js';
import { findInDirs, searchDirs } from './jinja/search-path.js';
import { literalValue } from './jinja/literal-eval.js';
import { readFileSync } from 'node:fs';

export type Vars = Readonly<Record<string, unknown>>;
export type { TemplateSource } from './jinja/locate.js';

/** The template module's settings (and `lookup('template')`, `{% include %}`): no backslash escaping. */
const FILE_OPTIONS: TemplateOptions = ANSIBLE_DEFAULTS;
/** Task strings: Ansible doubles backslashes inside `{{ }}` string literals first. */
const STRING_OPTIONS: TemplateOptions = { ...ANSIBLE_DEFAULTS, escapeBackslashes: true };

/** Compiled templates by text and settings (pure memo: the same text always compiles to the same tree). */
const compiled = new Map<string, Compiled>();

/** True when a string may contain template syntax (`{{`, `{%` or `{#`), as Ansible's is_possibly_template. */
export function isTemplated(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

function compileAt(text: string, options: TemplateOptions, source: TemplateSource): Compiled {
  try {
    return compileTemplate(text, options, compiled);
  } catch (e) {
    throw toTemplateError(e, { source, text, lineOffset: 0 }, 0);
  }
}

function makeHost(vars: Vars): RenderHost {
  const globals: Record<string, (call: Call) => unknown> = {
    namespace: (call) => new Namespace(call),
    cycler: (call) => new Cycler(call.args),
    joiner: (call) => makeJoiner(isText(call.args[0]) ? textOf(call.args[0]) : ', '),
    ...makeLookupGlobals({ vars, renderTemplateFile: (text, file, extra) => renderTemplateFile(text, vars, { file }, { extra }) }),
  };
  const dirs = (fromFile: string) => searchDirs(vars, 'templates', [path.dirname(fromFile)]);
  return {
    globals,
    searched: dirs,
    load(name, fromFile) {
      const file = findInDirs(name, dirs(fromFile));
      if (!file) return undefined;
      return { file, compiled: compileAt(readFileSync(file, 'utf8'), FILE_OPTIONS, { file }) };
    },
  };
}

/** Restores the trailing newlines Jinja dropped (Ansible's preserve_trailing_newlines). */
function withTrailingNewlines(out: string, tpl: Compiled): string {
  let have = 0;
  while (have < out.length && out[out.length - 1 - have] === '\n') have++;
  return tpl.trailingNewlines > have ? out + tpl.options.newline.repeat(tpl.trailingNewlines - have) : out;
}

function renderCompiled(tpl: Compiled, frame: Frame, vars: Vars, source: TemplateSource): string {
  const renderer = TemplateRenderer.forTemplate(makeHost(vars), tpl, source);
  return withTrailingNewlines(renderer.render(tpl.nodes, frame), tpl);
}

/** The variables Ansible's template module adds (they override the task's variables, as in Ansible). */
function templateVars(file: string): Record<string, unknown> {
  return { template_host: hostname(), template_path: file, template_fullpath: path.resolve(file), ansible_managed: 'Ansible managed' };
}

/** The template module's arguments that change how a file is rendered. */
export interface TemplateFileOptions {
  /** variables over the task's (`lookup('template', ..., template_vars=...)`) */
  readonly extra?: Record<string, unknown>;
  readonly trimBlocks?: boolean;
  readonly lstripBlocks?: boolean;
  /** line breaks of the template's text (not of the values printed into it), as Jinja's newline_sequence */
  readonly newline?: '\n' | '\r\n' | '\r';
}

/** Renders a template file's text as the template module does (and `lookup('template')`). */
export function renderTemplateFile(text: string, vars: Vars, source: TemplateSource, opts: TemplateFileOptions = {}): string {
  const options: TemplateOptions = {
    ...FILE_OPTIONS,
    ...(opts.trimBlocks !== undefined ? { trimBlocks: opts.trimBlocks } : {}),
    ...(opts.lstripBlocks !== undefined ? { lstripBlocks: opts.lstripBlocks } : {}),
    ...(opts.newline !== undefined ? { newline: opts.newline } : {}),
  };
  const tpl = compileAt(text, options, source);
  const frame = Frame.root(vars).child();
  for (const [k, v] of Object.entries({ ...templateVars(source.file), ...opts.extra })) frame.set(k, v);
  return renderCompiled(tpl, frame, vars, source);
}

/**
 * Renders template text with vars: a template file's text (the template module's settings) by
 * default, or a task string's when `taskString` is set. Strict about undefined variables.
 */
export function renderString(text: string, vars: Vars, source: TemplateSource, options: { taskString?: boolean } = {}): string {
  // a template file is always rendered (Ansible strips its `#jinja2:` header even without tags)
  if (!options.taskString && source.line === undefined) return renderTemplateFile(text, vars, source);
  if (!isTemplated(text)) return text;
  return renderCompiled(compileAt(text, options.taskString ? STRING_OPTIONS : FILE_OPTIONS, source), Frame.root(vars), vars, source);
}

/** Ansible's STRING_TYPE_FILTERS: a lone expression ending in one of them stays text (`"{{ x | to_json }}"`). */
const STRING_TYPE_FILTERS = new Set(['string', 'to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml']);

function keepsText(ast: Ast): boolean {
  return ast.kind === 'filter' && STRING_TYPE_FILTERS.has(ast.name.replace(/^ansible\.(?:builtin|legacy)\./, ''));
}

/**
 * A task string exactly `{{ expr }}`, as Ansible's non-native templating returns it: a number
 * becomes its text (`"{{ ports | length }}"` is `"2"`), none becomes `''` (Ansible's finalize),
 * text reading as a Python list/mapping literal becomes that value; lists, mappings, booleans and
 * Secrets are returned as they are (Ansible's repr + literal_eval round trip gives them back).
 */
function renderLone(tpl: Compiled, vars: Vars, source: TemplateSource): unknown {
  const renderer = TemplateRenderer.forTemplate(makeHost(vars), tpl, source);
  const v = renderer.evaluate(tpl.lone!, Frame.root(vars));
  if (v instanceof Missing || v === undefined) {
    const e = v instanceof Missing ? undefinedError(v.path, v.root ? 'variable' : 'value') : new ExprError('undefined value');
    throw toTemplateError(e, { source, text: tpl.text, lineOffset: tpl.lineOffset }, tpl.lone!.pos);
  }
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat) return pyStr(v);
  const literal = typeof v === 'string' && !keepsText(tpl.lone!) ? literalValue(v) : undefined;
  return toPlain(literal ? literal.value : v);
}

/**
 * Ansible's shortcut for `{{ name }}` (Templar.SINGLE_VAR, a Python regex whose `$` also matches
 * before a final newline): a number, boolean or none variable is returned as it is (`{{ port }}`
 * is the number 80, where `{{ port + 0 }}` is the text "80"), and `content: "{{ port }}\n"`
 * writes `80` without the newline, as ansible-playbook does.
 */
const SINGLE_VAR = /^\{\{\s*(\w+)\s*\}\}\n?$/u;

function singleVar(text: string, vars: Vars): { value: unknown } | undefined {
  const m = SINGLE_VAR.exec(text);
  if (!m || !Object.hasOwn(vars, m[1]!)) return undefined;
  const v = vars[m[1]!];
  return typeof v === 'number' || typeof v === 'boolean' || v === null ? { value: v } : undefined;
}

/**
 * Renders a task argument value (deep). A string that is exactly one `{{ expr }}` gives its
 * value as renderLone says (lists, mappings, booleans, Secrets; numbers as text unless the
 * expression is a lone variable name); other strings become text, with every character
 * around the expression (a final newline included) kept as Ansible keeps it, except that text
 * reading as a Python list/mapping literal or True/False becomes that value (Ansible's
 * ansible_eval_concat: `"{{ ports }}\n"` is the list again).
 */
export function renderValue(value: unknown, vars: Vars, source: TemplateSource): unknown {
  if (typeof value === 'string') {
    if (!isTemplated(value)) return value;
    const single = singleVar(value, vars);
    if (single) return single.value;
    const tpl = compileAt(value, STRING_OPTIONS, source);
    if (tpl.lone) return renderLone(tpl, vars, source);
    const text = TemplateRenderer.forTemplate(makeHost(vars), tpl, source).render(tpl.nodes, Frame.root(vars));
    // one output node (a final newline is not a node: Jinja drops it) ending in a string filter stays text
    const only = tpl.nodes.length === 1 && tpl.nodes[0]!.kind === 'output' ? tpl.nodes[0].expr : undefined;
    const literal = only && keepsText(only) ? undefined : literalValue(text);
    return literal ? toPlain(literal.value) : withTrailingNewlines(text, tpl);
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, vars, source));
  if (value && typeof value === 'object' && !(value instanceof Secret)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderValue(v, vars, source);
    return out;
  }
  return value;
}
