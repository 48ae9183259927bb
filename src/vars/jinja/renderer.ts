// Renders a template tree: output with Ansible's finalize, if/for/set/with/macro/call/filter/include/import, mustache sections.

import type { Ast } from '../expr/ast.js';
import type { Call } from '../expr/callables.js';
import { ExprError, undefinedError } from '../expr/errors.js';
import { evaluateAst, tooDeep } from '../expr/evaluate.js';
import { pyStr } from '../expr/py-string.js';
import { Missing, isMapping, isPythonTruthy, isText, textOf, typeName, type CallArgs } from '../expr/values.js';
import type { Compiled } from './compile.js';
import { Frame } from './frame.js';
import { toTemplateError, type TemplateSource, type Where } from './locate.js';
import { BODY_NAME, type Node, type Param, type Target } from './nodes.js';
import { Callable, LoopContext, Namespace } from './objects.js';

/** What a render needs beyond the variables: included templates and global functions. */
export interface RenderHost {
  /** an included/imported template by name, compiled with the file settings; undefined when not found */
  load(name: string, fromFile: string): { file: string; compiled: Compiled } | undefined;
  /** where `load` looked, for the error message */
  searched(fromFile: string): string[];
  readonly globals: Readonly<Record<string, (call: Call) => unknown>>;
}

const MAX_INCLUDE_DEPTH = 40;

/** Ansible's finalize: none prints nothing; an undefined value is an error naming its path. */
export function finalize(v: unknown): string {
  if (v instanceof Missing) throw undefinedError(v.path, v.root ? 'variable' : 'value');
  if (v === undefined) throw new ExprError('undefined value printed');
  if (v === null) return '';
  return pyStr(v);
}

/** Sequence a for loop or a mustache section walks: a list, a mapping's keys, a string's characters. */
function iterate(v: unknown, what: string): unknown[] {
  // a copy: a loop body that appends to the list it walks must not run forever
  if (Array.isArray(v)) return [...v];
  if (isMapping(v)) return Object.keys(v);
  if (isText(v)) return [...textOf(v)];
  if (v instanceof Missing) throw undefinedError(v.path, v.root ? 'variable' : 'value');
  throw new ExprError(`${what} needs a list, mapping or string, got ${typeName(v)}`);
}

function mustacheTruthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0 || v === '' || v instanceof Missing);
}

export class TemplateRenderer {
  constructor(
    private readonly host: RenderHost,
    private readonly where: Where,
    private readonly depth = 0,
  ) {}

  static forTemplate(host: RenderHost, compiled: Compiled, source: TemplateSource, depth = 0): TemplateRenderer {
    return new TemplateRenderer(host, { source, text: compiled.text, lineOffset: compiled.lineOffset }, depth);
  }

  /** Evaluates an expression in a frame; errors point at the expression in this template. */
  evaluate(ast: Ast, frame: Frame): unknown {
    try {
      return evaluateAst(ast, { lookup: (n) => frame.lookup(n), pythonTruth: true, globals: this.host.globals });
    } catch (e) {
      throw toTemplateError(e, this.where, ast.pos);
    }
  }

  render(nodes: readonly Node[], frame: Frame): string {
    let out = '';
    try {
      for (const node of nodes) out += this.renderNode(node, frame);
    } catch (e) {
      throw toTemplateError(tooDeep(e), this.where, 0);
    }
    return out;
  }

  private fail(e: unknown, pos: number): never {
    throw toTemplateError(e, this.where, pos);
  }

  private renderNode(node: Node, frame: Frame): string {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'output': {
        const v = this.evaluate(node.expr, frame);
        try {
          return finalize(v);
        } catch (e) {
          return this.fail(e, node.expr.pos);
        }
      }
      case 'if': {
        for (const b of node.branches) if (this.truthy(this.evaluate(b.test, frame))) return this.render(b.body, frame);
        return node.otherwise ? this.render(node.otherwise, frame) : '';
      }
      case 'for':
        return this.renderFor(node, frame, this.evaluate(node.iter, frame), 0);
      case 'set':
        this.assign(node.target, this.evaluate(node.value, frame), frame, node.pos);
        return '';
      case 'setBlock': {
        const text = this.render(node.body, frame.child());
        this.assign(node.target, node.filter ? this.applyToBody(node.filter, text, frame) : text, frame, node.pos);
        return '';
      }
      case 'with': {
        const inner = frame.child();
        for (const [target, value] of node.assigns) this.assign(target, this.evaluate(value, frame), inner, value.pos);
        return this.render(node.body, inner);
      }
      case 'macro':
        frame.set(node.name, this.makeMacro(node.name, node.params, node.body, frame));
        return '';
      case 'callBlock':
        return this.renderCallBlock(node, frame);
      case 'filterBlock':
        return pyStr(this.applyToBody(node.filter, this.render(node.body, frame.child()), frame));
      case 'include':
        return this.renderInclude(node, frame);
      case 'import':
        this.renderImport(node, frame);
        return '';
      case 'scope':
        return this.render(node.body, frame.child());
      case 'section':
        return this.renderSection(node, frame);
    }
  }

  private truthy(v: unknown): boolean {
    return isPythonTruthy(v);
  }

  private applyToBody(filter: Ast, text: string, frame: Frame): unknown {
    const inner = frame.child();
    inner.set(BODY_NAME, text);
    return this.evaluate(filter, inner);
  }

  private assign(target: Target, value: unknown, frame: Frame, pos: number): void {
    if (target.kind === 'name') return frame.set(target.name, value);
    if (target.kind === 'nsattr') {
      const ns = frame.lookup(target.ns);
      if (!(ns instanceof Namespace)) this.fail(new ExprError(`'${target.ns}' is not a namespace(): '{% set ${target.ns}.${target.attr} = ... %}' needs one`), pos);
      ns.values.set(target.attr, value);
      return;
    }
    const items = Array.isArray(value) ? value : isText(value) ? [...textOf(value)] : undefined;
    if (!items) this.fail(new ExprError(`cannot unpack a ${typeName(value)} into ${target.items.length} names`), pos);
    if (items.length !== target.items.length) {
      this.fail(new ExprError(`${items.length > target.items.length ? 'too many' : 'not enough'} values to unpack (expected ${target.items.length}, got ${items.length})`), pos);
    }
    target.items.forEach((t, i) => this.assign(t, items[i], frame, pos));
  }

  private renderFor(node: Extract<Node, { kind: 'for' }>, frame: Frame, iterable: unknown, depth0: number): string {
    let items: unknown[];
    try {
      items = iterate(iterable, "'{% for %}'");
    } catch (e) {
      return this.fail(e, node.iter.pos);
    }
    if (node.filter) {
      const filter = node.filter;
      items = items.filter((item) => {
        const f = frame.child();
        this.assign(node.target, item, f, node.pos);
        return this.truthy(this.evaluate(filter, f));
      });
    }
    if (items.length === 0) return node.otherwise ? this.render(node.otherwise, frame) : '';
    const recurse = node.recursive ? (sub: unknown) => this.renderFor(node, frame, sub, depth0 + 1) : undefined;
    const loop = new LoopContext(items, depth0, recurse);
    let out = '';
    for (let i = 0; i < items.length; i++) {
      loop.index0 = i;
      const inner = frame.child();
      inner.set('loop', loop);
      this.assign(node.target, items[i], inner, node.pos);
      out += this.render(node.body, inner);
    }
    return out;
  }

  /** A macro: its parameters bound from the call (defaults evaluated in the macro's frame), body rendered to text. */
  private makeMacro(name: string, params: readonly Param[], body: readonly Node[], defined: Frame, caller?: Callable): Callable {
    return new Callable(name, (call: CallArgs) => {
      const f = defined.child();
      const named = { ...call.named };
      if (caller) f.set('caller', caller);
      params.forEach((p, i) => {
        if (i < call.args.length) f.set(p.name, call.args[i]);
        else if (Object.hasOwn(named, p.name)) f.set(p.name, named[p.name]);
        else if (p.default) f.set(p.name, this.evaluate(p.default, f));
        else f.set(p.name, new Missing(p.name, true));
        delete named[p.name];
      });
      if (Object.hasOwn(named, 'caller')) {
        f.set('caller', named.caller);
        delete named.caller;
      }
      f.set('varargs', call.args.slice(params.length));
      f.set('kwargs', named);
      return this.render(body, f);
    });
  }

  private renderCallBlock(node: Extract<Node, { kind: 'callBlock' }>, frame: Frame): string {
    const caller = this.makeMacro('caller', node.params, node.body, frame);
    const inner = frame.child();
    inner.set('__caller__', caller);
    const call = node.call as Extract<Ast, { kind: 'call' }>;
    const withCaller: Ast = { ...call, args: { ...call.args, named: [...call.args.named, ['caller', { kind: 'name', name: '__caller__', pos: call.pos }]] } };
    return finalize(this.evaluate(withCaller, inner));
  }

  private loadTemplate(names: unknown, pos: number, ignoreMissing: boolean) {
    const list = Array.isArray(names) ? names : [names];
    for (const n of list) {
      if (!isText(n)) this.fail(new ExprError(`a template name must be a string, got ${typeName(n)}`), pos);
      const found = this.host.load(textOf(n), this.where.source.file);
      if (found) return found;
    }
    if (ignoreMissing) return undefined;
    const where = this.host.searched(this.where.source.file);
    return this.fail(new ExprError(`template ${list.map((n) => `'${pyStr(n)}'`).join(', ')} not found; looked in: ${where.join(', ')}`), pos);
  }

  private child(compiled: Compiled, file: string, pos: number): TemplateRenderer {
    if (this.depth >= MAX_INCLUDE_DEPTH) this.fail(new ExprError(`templates include each other more than ${MAX_INCLUDE_DEPTH} levels deep (an include loop?)`), pos);
    return TemplateRenderer.forTemplate(this.host, compiled, { file }, this.depth + 1);
  }

  private renderInclude(node: Extract<Node, { kind: 'include' }>, frame: Frame): string {
    const found = this.loadTemplate(this.evaluate(node.template, frame), node.pos, node.ignoreMissing);
    if (!found) return '';
    const inner = node.withContext ? frame.child() : frame.rootOnly();
    return this.child(found.compiled, found.file, node.pos).render(found.compiled.nodes, inner);
  }

  private renderImport(node: Extract<Node, { kind: 'import' }>, frame: Frame): void {
    const found = this.loadTemplate(this.evaluate(node.template, frame), node.pos, false)!;
    const module = node.withContext ? frame.child() : frame.rootOnly().child();
    this.child(found.compiled, found.file, node.pos).render(found.compiled.nodes, module);
    if (node.alias) {
      frame.set(node.alias, new Namespace({ args: [Object.fromEntries(module.vars)], named: {} }));
      return;
    }
    for (const [name, alias] of node.names ?? []) {
      if (!module.vars.has(name)) this.fail(new ExprError(`the template ${pyStr(found.file)} does not define '${name}'`), node.pos);
      frame.set(alias, module.vars.get(name));
    }
  }

  private renderSection(node: Extract<Node, { kind: 'section' }>, frame: Frame): string {
    const v = this.evaluate(node.expr, frame);
    if (node.inverted) return (Array.isArray(v) ? v.length === 0 : !mustacheTruthy(v)) ? this.render(node.body, frame) : '';
    const withItem = (item: unknown) => {
      const inner = frame.child(item);
      inner.set('.', item);
      inner.set('item', item);
      return this.render(node.body, inner);
    };
    if (Array.isArray(v)) return v.map(withItem).join('');
    if (isMapping(v)) return withItem(v);
    return mustacheTruthy(v) ? this.render(node.body, frame) : '';
  }
}
