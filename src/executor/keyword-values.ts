// Keywords written as templates, rendered with a host's variables at run time as Ansible post-validates them.

import { UserError, type SourceLoc } from '../errors.js';
import { BOOL_WORDS } from '../loader/fields.js';
import { KeywordTemplate, type BoolKeyword, type NumberKeyword } from '../loader/keyword-template.js';
import { KEYWORDS, type Keyword } from '../loader/keywords.js';
import { errorAtLoc } from '../loader/yaml.js';
import { isTemplated, renderValue } from '../vars/render.js';
import type { Inherited } from './run-context.js';

type Obj = Record<string, unknown>;

/** Inherited boolean keywords (model field -> keyword). */
const BOOL_FIELDS = { become: 'become', ignoreErrors: 'ignore_errors', noLog: 'no_log', checkMode: 'check_mode', diff: 'diff', runOnce: 'run_once', anyErrorsFatal: 'any_errors_fatal' } as const;
/** Inherited string keywords rendered the same way (delegate_to is rendered where it is used). */
const STRING_FIELDS = { becomeUser: 'become_user', connection: 'connection', remoteUser: 'remote_user', becomeMethod: 'become_method' } as const;

/**
 * A boolean keyword's value for a host: a template is rendered with its variables (built only
 * then when given as a function) and must give a boolean (or one of Ansible's boolean words), else
 * an error at the keyword's file:line.
 */
export function boolKeyword(value: BoolKeyword | undefined, vars: Obj | (() => Obj)): boolean | undefined {
  if (!(value instanceof KeywordTemplate)) return value;
  const v = renderValue(value.text, typeof vars === 'function' ? vars() : vars, value.loc ?? { file: '<keyword>' });
  const b = toBoolean(v);
  if (b === undefined) throw errorAtLoc(`'${value.keyword}' must be true or false, got ${JSON.stringify(v)} (from ${value.text})`, value.loc);
  return b;
}

/** A number keyword's value for a host (`retries: "{{ n }}"`): a template must give a number, else an error at its file:line. */
export function numberKeyword(value: NumberKeyword | undefined, vars: Obj): number | undefined {
  if (!(value instanceof KeywordTemplate)) return value;
  const v = renderValue(value.text, vars, value.loc ?? { file: '<keyword>' });
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw errorAtLoc(`'${value.keyword}' must be a number, got ${JSON.stringify(v)} (from ${value.text})`, value.loc);
  return n;
}

function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') return BOOL_WORDS.get(v.trim().toLowerCase());
  return undefined;
}

/** True when one of the inherited keywords is a template (rendered per host by resolveKeywords). */
function hasTemplates(raw: Obj, only: readonly string[] | undefined): boolean {
  for (const f of only ?? [...Object.keys(BOOL_FIELDS), 'port']) if (raw[f] instanceof KeywordTemplate) return true;
  for (const f of only ?? Object.keys(STRING_FIELDS)) if (typeof raw[f] === 'string' && isTemplated(raw[f])) return true;
  return false;
}

/**
 * The task's inherited keywords with every template rendered for one host (or loop item): the
 * same object, and no variables built, when none is a template (the common case).
 */
export function resolveKeywords(inh: Inherited, varsOf: () => Obj, loc: SourceLoc, only?: readonly (keyof typeof BOOL_FIELDS)[]): Inherited {
  const raw = inh as unknown as Obj;
  if (!hasTemplates(raw, only)) return inh;
  const vars = varsOf();
  const out: Obj = { ...raw };
  for (const f of only ?? Object.keys(BOOL_FIELDS)) if (raw[f] instanceof KeywordTemplate) out[f] = boolKeyword(raw[f] as KeywordTemplate, vars);
  if (!only && raw.port instanceof KeywordTemplate) out.port = numberKeyword(raw.port, vars);
  for (const [f, k] of Object.entries(STRING_FIELDS) as [string, Keyword][]) {
    const v = raw[f];
    if (only || typeof v !== 'string' || !isTemplated(v)) continue;
    const s = String(renderValue(v, vars, loc));
    const choices = (KEYWORDS[k] as { choices?: readonly string[] }).choices;
    if (choices && !choices.includes(s)) throw errorAtLoc(`'${k}' must be one of ${choices.join(', ')}, got '${s}' (from ${v})`, loc);
    out[f] = s;
  }
  return out as unknown as Inherited;
}

/**
 * A task's name as Ansible 2.14 shows it in the TASK / RUNNING HANDLER banner: rendered with the
 * first host's variables; a name that cannot be rendered (an undefined variable, a loop item) is
 * shown as written, and one that renders to a non-string (a list) shows the module instead.
 */
export function renderTaskName(name: string, module: string, varsOf: () => Obj, loc: SourceLoc): string {
  if (!isTemplated(name)) return name;
  try {
    const v = renderValue(name, varsOf(), loc);
    return typeof v === 'string' && v !== '' ? v : module;
  } catch (e) {
    if (e instanceof UserError) return name;
    throw e;
  }
}
