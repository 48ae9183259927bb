// Static checks of a task's rendered arguments in the preflight (regular expressions, XPath syntax), so they fail before any host is touched.

import type { TaskNode } from '../loader/model.js';
import { errorAtLoc, locOf } from '../loader/yaml.js';
import { compilePyRegex, PatternError } from '../modules/py-regex.js';
import { parseEdits } from '../modules/xml-args.js';
import { checkEdit, XmlEditError } from '../xml/index.js';
import { compileXPath } from '../xml/xpath-eval.js';

type Obj = Record<string, unknown>;

/** Arguments that hold Python regular expressions, per module (EOF/BOF are keywords, not patterns). */
const REGEX_ARGS: Readonly<Record<string, readonly string[]>> = {
  lineinfile: ['regexp', 'insertafter', 'insertbefore'],
  blockinfile: ['insertafter', 'insertbefore'],
  replace: ['regexp', 'after', 'before'],
};
const KEYWORDS = new Set(['EOF', 'BOF']);

/** The first statically knowable problem of these arguments: the argument and the message. */
export function staticProblem(module: string, args: Obj): { readonly arg?: string; readonly message: string } | undefined {
  for (const arg of REGEX_ARGS[module] ?? []) {
    const v = args[arg];
    if (typeof v !== 'string' || KEYWORDS.has(v)) continue;
    try {
      compilePyRegex(v, arg);
    } catch (e) {
      if (e instanceof PatternError) return { arg, message: e.message };
      throw e;
    }
  }
  if (module === 'xml') return xmlProblem(args);
  return undefined;
}

function xmlProblem(args: Obj): { arg?: string; message: string } | undefined {
  const where = typeof args.path === 'string' ? args.path : 'xmlstring';
  try {
    if (args.count || args.print_match || args.content) {
      if (typeof args.xpath === 'string') compileXPath(args.xpath, where);
      return undefined;
    }
    for (const edit of parseEdits(args as never, where)) {
      checkEdit(edit, where);
      compileXPath(edit.xpath, where);
    }
  } catch (e) {
    if (e instanceof XmlEditError) return { arg: args.edits ? 'edits' : 'xpath', message: e.message };
    throw e;
  }
  return undefined;
}

/** Throws the UserError (exit 5, at the argument's line) for a static problem of the task's arguments. */
export function checkStaticArgs(task: TaskNode, args: Obj): void {
  const problem = staticProblem(task.module, args);
  if (!problem) return;
  const loc = (problem.arg && typeof task.args === 'object' && task.args !== null && locOf(task.args, problem.arg)) || task.argsLoc;
  throw errorAtLoc(problem.message, loc);
}
