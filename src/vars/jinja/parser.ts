// Parses lexed template segments into the template tree: Jinja statements (for/if/set/macro/...) and mustache sections.

import type { Ast } from '../expr/ast.js';
import { ExprSyntaxError } from '../expr/errors.js';
import { lexExpression, type Token } from '../expr/lex.js';
import { ExprParser } from '../expr/parser.js';
import { TokenStream } from '../expr/token-stream.js';
import type { Segment } from './lexer.js';
import { BODY_NAME, type Node, type Target } from './nodes.js';
import { expectEnd, parseImport, parseInclude, parseSignature, parseTarget } from './statement-parts.js';

interface BodyEnd {
  readonly tag: string;
  readonly stream: TokenStream;
  readonly parser: ExprParser;
}

const UNSUPPORTED: Readonly<Record<string, string>> = {
  extends: "'{% extends %}' (template inheritance) is not supported; use '{% include %}' or macros",
  do: "'{% do %}' needs the jinja2.ext.do extension, which Ansible does not enable; use '{% set _ = x.append(y) %}'",
  break: "'{% break %}' needs the loopcontrols extension, which Ansible does not enable; filter the loop instead ('{% for x in xs if cond %}')",
  continue: "'{% continue %}' needs the loopcontrols extension, which Ansible does not enable; filter the loop instead ('{% for x in xs if cond %}')",
};

class TemplateParser {
  private i = 0;
  /** the statements still open, innermost last: [tag, position] */
  private readonly open: [string, number][] = [];
  constructor(private readonly segs: readonly Segment[]) {}

  parseAll(): Node[] {
    return this.parseBody([]).nodes;
  }

  /** Parses nodes until a block tag named in `ends` (returned with its stream), or the end of the template. */
  private parseBody(ends: readonly string[], section?: string): { nodes: Node[]; end?: BodyEnd } {
    const nodes: Node[] = [];
    while (this.i < this.segs.length) {
      const seg = this.segs[this.i++]!;
      if (seg.kind === 'data') nodes.push({ kind: 'text', text: seg.text });
      else if (seg.kind === 'var') {
        const { stream, parser } = streamOf(seg.tokens);
        const expr = parser.parseTuple();
        expectEnd(stream, 'the end of {{ }}');
        nodes.push({ kind: 'output', expr, pos: seg.pos, end: seg.end });
      } else if (seg.kind === 'mustache') {
        if (seg.op === '/') {
          if (section === seg.expr) return { nodes };
          throw new ExprSyntaxError(section ? `'{{/${seg.expr}}}' closes a section that is not open (the open one is '{{#${section}}}')` : `'{{/${seg.expr}}}' closes a section that was never opened`, seg.pos);
        }
        const expr = seg.op === '.' ? ({ kind: 'name', name: '.', pos: seg.exprPos } as const) : parseSectionExpr(seg.expr, seg.exprPos);
        if (seg.op === '.') nodes.push({ kind: 'output', expr, pos: seg.pos, end: seg.end });
        else nodes.push(this.parseSection(seg.op, seg.expr, expr, seg.pos));
      } else {
        const { stream, parser } = streamOf(seg.tokens);
        const head = stream.current;
        if (head.type !== 'name') stream.fail('expected a statement name after {%');
        if (ends.includes(head.value)) {
          stream.next();
          return { nodes, end: { tag: head.value, stream, parser } };
        }
        stream.next();
        nodes.push(this.parseStatement(head, stream, parser));
      }
    }
    const innermost = this.open.at(-1);
    if (section !== undefined) throw new ExprSyntaxError(`the section '{{#${section}}}' is never closed (expected '{{/${section}}}')`, innermost?.[1] ?? 0);
    if (innermost) throw new ExprSyntaxError(`'{% ${innermost[0]} %}' is never closed (expected ${ends.map((e) => `'{% ${e} %}'`).join(' or ')})`, innermost[1]);
    return { nodes };
  }

  private parseSection(op: '#' | '^', name: string, expr: Ast, pos: number): Node {
    this.open.push([`{{${op}${name}}}`, pos]);
    const { nodes } = this.parseBody([], name);
    this.open.pop();
    return { kind: 'section', expr, inverted: op === '^', body: nodes, pos };
  }

  /** A statement's body up to its end tag; fails when the template ends first. */
  private body(tag: string, pos: number, ends: readonly string[]): { nodes: Node[]; end: BodyEnd } {
    this.open.push([tag, pos]);
    const { nodes, end } = this.parseBody(ends);
    this.open.pop();
    if (!end) throw new ExprSyntaxError(`'{% ${tag} %}' is never closed`, pos);
    return { nodes, end };
  }

  /** The body up to `end<tag>`, which takes no arguments (a block's name may repeat). */
  private closedBody(tag: string, pos: number): Node[] {
    const { nodes, end } = this.body(tag, pos, [`end${tag}`]);
    if (tag === 'block' || tag === 'macro') end.stream.skipName(end.stream.current.value);
    expectEnd(end.stream, `the end of '{% end${tag} %}'`);
    return nodes;
  }

  private parseStatement(head: Token, s: TokenStream, p: ExprParser): Node {
    const pos = head.pos;
    switch (head.value) {
      case 'for':
        return this.parseFor(s, p, pos);
      case 'if':
        return this.parseIf(s, p, pos);
      case 'set': {
        const target = parseTarget(s, p, [], true);
        if (s.skipOp('=')) {
          const value = p.parseTuple();
          expectEnd(s, "the end of '{% set %}'");
          return { kind: 'set', target, value, pos };
        }
        const filter = s.isOp('|') ? p.parseInlineFilters({ kind: 'name', name: BODY_NAME, pos }) : undefined;
        expectEnd(s, "'=' or the end of '{% set %}'");
        return { kind: 'setBlock', target, body: this.closedBody('set', pos), ...(filter ? { filter } : {}), pos };
      }
      case 'with': {
        const assigns: [Target, Ast][] = [];
        while (s.current.type !== 'eof') {
          if (assigns.length) s.expectOp(',');
          const target = parseTarget(s, p, [], false);
          s.expectOp('=');
          assigns.push([target, p.parseExpression()]);
        }
        return { kind: 'with', assigns, body: this.closedBody('with', pos) };
      }
      case 'macro': {
        const name = s.expectName('a macro name').value;
        const params = parseSignature(s, p);
        expectEnd(s, "the end of '{% macro %}'");
        return { kind: 'macro', name, params, body: this.closedBody('macro', pos), pos };
      }
      case 'call': {
        const params = s.isOp('(') ? parseSignature(s, p) : [];
        const call = p.parseExpression();
        if (call.kind !== 'call') throw new ExprSyntaxError("'{% call %}' needs a macro call, e.g. {% call list_users(users) %}", call.pos);
        expectEnd(s, "the end of '{% call %}'");
        return { kind: 'callBlock', call, params, body: this.closedBody('call', pos), pos };
      }
      case 'filter': {
        const filter = p.parseInlineFilters({ kind: 'name', name: BODY_NAME, pos });
        expectEnd(s, "the end of '{% filter %}'");
        return { kind: 'filterBlock', filter, body: this.closedBody('filter', pos), pos };
      }
      case 'include':
        return parseInclude(s, p, pos);
      case 'import':
      case 'from':
        return parseImport(head.value, s, p, pos);
      case 'block': {
        s.expectName('a block name');
        while (s.skipName('scoped') || s.skipName('required'));
        expectEnd(s, "the end of '{% block %}'");
        return { kind: 'scope', body: this.closedBody('block', pos) };
      }
      case 'autoescape':
        p.parseExpression();
        expectEnd(s, "the end of '{% autoescape %}'");
        return { kind: 'scope', body: this.closedBody('autoescape', pos) };
    }
    if (UNSUPPORTED[head.value]) throw new ExprSyntaxError(UNSUPPORTED[head.value]!, pos);
    const inside = this.open.at(-1);
    const hint = inside ? ` (inside '{% ${inside[0]} %}': check the nesting of end tags)` : /^(end|el)/.test(head.value) ? ' (there is no open statement for it to close)' : '';
    throw new ExprSyntaxError(`unknown statement '{% ${head.value} %}'${hint}`, pos);
  }

  private parseFor(s: TokenStream, p: ExprParser, pos: number): Node {
    const target = parseTarget(s, p, ['in'], false);
    if (!s.skipName('in')) s.fail("expected 'in' in '{% for x in items %}'");
    const iter = p.parseTuple({ withCondexpr: false, endNames: ['recursive'] });
    const filter = s.skipName('if') ? p.parseExpression() : undefined;
    const recursive = s.skipName('recursive');
    expectEnd(s, "the end of '{% for %}'");
    const { nodes, end } = this.body('for', pos, ['endfor', 'else']);
    let otherwise: Node[] | undefined;
    if (end.tag === 'else') {
      expectEnd(end.stream, "the end of '{% else %}'");
      otherwise = this.closedBody('for', pos);
    } else expectEnd(end.stream, "the end of '{% endfor %}'");
    return { kind: 'for', target, iter, ...(filter ? { filter } : {}), recursive, body: nodes, ...(otherwise ? { otherwise } : {}), pos };
  }

  private parseIf(s: TokenStream, p: ExprParser, pos: number): Node {
    const branches: { test: Ast; body: Node[] }[] = [];
    let test = p.parseTuple({ withCondexpr: false });
    expectEnd(s, "the end of '{% if %}'");
    for (;;) {
      const { nodes, end } = this.body('if', pos, ['elif', 'else', 'endif']);
      branches.push({ test, body: nodes });
      if (end.tag === 'elif') {
        test = end.parser.parseTuple({ withCondexpr: false });
        expectEnd(end.stream, "the end of '{% elif %}'");
        continue;
      }
      expectEnd(end.stream, `the end of '{% ${end.tag} %}'`);
      if (end.tag === 'endif') return { kind: 'if', branches };
      return { kind: 'if', branches, otherwise: this.closedBody('if', pos) };
    }
  }
}

function streamOf(tokens: readonly Token[]): { stream: TokenStream; parser: ExprParser } {
  const stream = new TokenStream(tokens);
  return { stream, parser: new ExprParser(stream) };
}

function parseSectionExpr(expr: string, offset: number): Ast {
  const tokens = lexExpression(expr).tokens.map((t) => ({ ...t, pos: t.pos + offset, end: t.end + offset }));
  const { stream, parser } = streamOf(tokens);
  const ast = parser.parseExpression();
  expectEnd(stream, 'the end of the section tag');
  return ast;
}

/** Parses lexed segments into the template tree. */
export function parseTemplate(segs: readonly Segment[]): Node[] {
  return new TemplateParser(segs).parseAll();
}
