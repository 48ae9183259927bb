// Strict mustache rendering: no HTML escaping, a missing variable is an error with file:line.

import Mustache from 'mustache';
import { UserError, type SourceLoc } from '../errors.js';
import { Secret } from './secret.js';
import { evaluateStrict, renderExpressionValue } from './expr/index.js';
import { UndefinedVariableError } from './expr/errors.js';

type Token = [string, string, number, number, Token[]?, number?];
export type Vars = Readonly<Record<string, unknown>>;

const SIMPLE_NAME = /^[A-Za-z_][\w-]*(\.[\w-]+)*$|^\.$/;
const WHOLE_TAG = /^\s*\{\{\s*([^{}]+?)\s*\}\}\s*$/s;

/** Where a template text comes from: its file and the position of its first character. */
export interface TemplateSource {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

/** True when a string contains template tags. */
export function isTemplated(text: string): boolean {
  return text.includes('{{');
}

/** Renders template text with vars; strict about undefined variables. */
export function renderString(text: string, vars: Vars, source: TemplateSource): string {
  if (!isTemplated(text)) return text;
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as unknown as Token[];
  } catch (e) {
    throw new UserError(`template syntax error: ${(e as Error).message}`, toLoc(source, text, 0));
  }
  return renderTokens(tokens, [vars], text, source);
}

/**
 * Renders a task argument value (deep). A string that is exactly one `{{ expr }}` keeps the
 * value's type (list, number, mapping, Secret); other strings become text.
 */
export function renderValue(value: unknown, vars: Vars, source: TemplateSource): unknown {
  if (typeof value === 'string') {
    if (!isTemplated(value)) return value;
    const whole = WHOLE_TAG.exec(value);
    if (whole && !whole[1]!.startsWith('#') && !whole[1]!.startsWith('^') && !whole[1]!.startsWith('!')) {
      return lookup(whole[1]!.replace(/^&\s*/, ''), [vars], value, 0, source);
    }
    return renderString(value, vars, source);
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, vars, source));
  if (value && typeof value === 'object' && !(value instanceof Secret)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderValue(v, vars, source);
    return out;
  }
  return value;
}

function renderTokens(tokens: Token[], stack: unknown[], text: string, source: TemplateSource): string {
  let out = '';
  for (const t of tokens) {
    const [kind, name, start] = t;
    switch (kind) {
      case 'text':
        out += name;
        break;
      case 'name':
      case '&':
        out += renderExpressionValue(lookup(name, stack, text, start, source));
        break;
      case '#': {
        const v = lookup(name, stack, text, start, source);
        const inner = t[4] ?? [];
        if (Array.isArray(v)) for (const item of v) out += renderTokens(inner, [...stack, item], text, source);
        else if (v && typeof v === 'object') out += renderTokens(inner, [...stack, v], text, source);
        else if (truthy(v)) out += renderTokens(inner, stack, text, source);
        break;
      }
      case '^': {
        const v = lookup(name, stack, text, start, source);
        if (Array.isArray(v) ? v.length === 0 : !truthy(v)) out += renderTokens(t[4] ?? [], stack, text, source);
        break;
      }
      case '>':
        throw new UserError(`template partials ({{> ${name}}}) are not supported`, toLoc(source, text, start));
      default:
        break; // comments and delimiter changes render nothing
    }
  }
  return out;
}

function truthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0 || v === '');
}

function lookup(name: string, stack: unknown[], text: string, start: number, source: TemplateSource): unknown {
  const expr = name.trim();
  if (expr === '.') return stack[stack.length - 1];
  const loc = toLoc(source, text, start);
  if (SIMPLE_NAME.test(expr)) {
    const [head, ...rest] = expr.split('.');
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i];
      if (frame && typeof frame === 'object' && Object.prototype.hasOwnProperty.call(frame, head!)) {
        let v: unknown = (frame as Record<string, unknown>)[head!];
        for (const [j, key] of rest.entries()) {
          if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) {
            const missing = [head, ...rest.slice(0, j + 1)].join('.');
            throw new UndefinedVariableError(`undefined variable '${missing}' in "{{ ${expr} }}"`, missing, loc);
          }
          v = (v as Record<string, unknown>)[key];
        }
        return v;
      }
    }
    throw new UndefinedVariableError(`undefined variable '${head}' in "{{ ${expr} }}"`, head!, loc);
  }
  // anything else is an expression (filters, subscripts, operators) over the merged stack
  return evaluateStrict(expr, stackView(stack), loc);
}

/**
 * The variables an expression sees inside sections: inner frames first, then the outer ones,
 * read lazily (never enumerated, so lazy variables are only rendered when used). Inside a
 * section, `item` is the current element (it shadows a task loop's `item`).
 */
function stackView(stack: unknown[]): Record<string, unknown> {
  const frames = stack.filter((f): f is Record<string, unknown> => !!f && typeof f === 'object' && !Array.isArray(f));
  if (stack.length === 1 && frames.length === 1) return frames[0]!;
  const top = stack[stack.length - 1];
  const find = (prop: string) => {
    for (let i = frames.length - 1; i >= 0; i--) if (prop in frames[i]!) return frames[i];
    return undefined;
  };
  return new Proxy({} as Record<string, unknown>, {
    get: (_t, prop) => {
      if (typeof prop !== 'string') return undefined;
      if (prop === 'item' && stack.length > 1) return top;
      const f = find(prop);
      return f ? f[prop] : undefined;
    },
    has: (_t, prop) => typeof prop === 'string' && (find(prop) !== undefined || (prop === 'item' && stack.length > 1)),
    getOwnPropertyDescriptor: (_t, prop) =>
      typeof prop === 'string' && (find(prop) !== undefined || (prop === 'item' && stack.length > 1))
        ? { configurable: true, enumerable: true, writable: false, value: undefined }
        : undefined,
  });
}

function toLoc(source: TemplateSource, text: string, offset: number): SourceLoc {
  const before = text.slice(0, offset);
  const nl = before.split('\n').length - 1;
  const line = (source.line ?? 1) + nl;
  const col = nl === 0 ? (source.col ?? 1) + offset : offset - before.lastIndexOf('\n');
  return { file: source.file, line, col };
}
