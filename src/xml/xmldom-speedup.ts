// Memoises @xmldom/xmldom's grammar.reg(): its parser builds a new unicode RegExp for every end tag and comment it reads.
//
// xmldom 0.9's sax parser calls `g.reg('^', QName_group, S_OPT, '$')` per closing tag and
// `g.reg('^', Comment)` per comment, joining long regex sources each time. reg() is a pure function
// of its parts and returns a RegExp without the g/y flags (no lastIndex state), so one compiled
// instance per distinct argument list is the same thing. The parts are the grammar's own RegExp
// objects, so the key is their identity, not their source. Applied once, when this module is first
// imported (a default import: the same module instance as xmldom's own require('./grammar'), also in
// a bundle); nothing is patched if xmldom has no `reg`.

import grammar from '@xmldom/xmldom/lib/grammar.js';

type RegFn = (this: unknown, ...parts: Array<string | RegExp>) => RegExp;
const g = grammar as { reg?: RegFn; __esbplayMemo?: boolean };

if (typeof g.reg === 'function' && !g.__esbplayMemo) {
  const original = g.reg;
  const ids = new WeakMap<RegExp, number>();
  const compiled = new Map<string, RegExp>();
  let lastId = 0;
  const idOf = (r: RegExp) => {
    let id = ids.get(r);
    if (id === undefined) ids.set(r, (id = ++lastId));
    return id;
  };
  g.reg = function memoReg(this: unknown, ...parts: Array<string | RegExp>): RegExp {
    let key = '';
    for (const p of parts) key += typeof p === 'string' ? `s${p.length}:${p}` : `r${idOf(p)}`;
    let re = compiled.get(key);
    if (!re) {
      re = original.apply(this, parts);
      if (re.global || re.sticky || compiled.size >= 256) return re; // stateful or unexpectedly many: not shared
      compiled.set(key, re);
    }
    return re;
  };
  g.__esbplayMemo = true;
}
