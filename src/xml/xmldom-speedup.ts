// Memoises @xmldom/xmldom's grammar.reg(): its parser builds a new unicode RegExp for every end tag and comment it reads.
//
// xmldom 0.9's sax parser calls `g.reg('^', QName_group, S_OPT, '$')` per closing tag and
// `g.reg('^', Comment)` per comment: compiling those regexes was the largest single cost of parsing
// a WSO2 configuration file (about half of it). reg() is a pure function of its parts and returns a
// RegExp without the g/y flags (no lastIndex state), so one compiled instance per distinct argument
// list is the same thing. Applied once when this module is first imported; harmless if xmldom changes
// (no `reg` export: nothing is patched).

import { createRequire } from 'node:module';

type RegFn = (this: unknown, ...parts: Array<string | RegExp>) => RegExp;

const grammar = createRequire(import.meta.url)('@xmldom/xmldom/lib/grammar.js') as { reg?: RegFn; __esbplayMemo?: boolean };

if (typeof grammar.reg === 'function' && !grammar.__esbplayMemo) {
  const original = grammar.reg;
  const compiled = new Map<string, RegExp>();
  grammar.reg = function memoReg(this: unknown, ...parts: Array<string | RegExp>): RegExp {
    const key = parts.map((p) => (typeof p === 'string' ? `s${p}` : `r${p.source}/${p.flags}`)).join('\u0000');
    let re = compiled.get(key);
    if (!re) {
      re = original.apply(this, parts);
      if (re.global || re.sticky || compiled.size >= 256) return re; // stateful or unexpectedly many: not shared
      compiled.set(key, re);
    }
    return re;
  };
  grammar.__esbplayMemo = true;
}
