// Jinja's runtime objects: the `loop` variable, macros, namespace(), cycler() and joiner().

import { ExprError } from '../expr/errors.js';
import { pyRepr } from '../expr/py-string.js';
import { PyObject, equalValues, isMapping, type CallArgs } from '../expr/values.js';

/** `loop` inside `{% for %}`: index, first, last, cycle(), changed(), and loop(children) when recursive. */
export class LoopContext extends PyObject {
  index0 = 0;
  #lastChanged: unknown[] | undefined;
  constructor(
    private readonly items: readonly unknown[],
    readonly depth0: number,
    private readonly recurse?: (items: unknown) => string,
  ) {
    super();
  }

  attr(name: string): unknown {
    const n = this.items.length;
    switch (name) {
      case 'index':
        return this.index0 + 1;
      case 'index0':
        return this.index0;
      case 'revindex':
        return n - this.index0;
      case 'revindex0':
        return n - this.index0 - 1;
      case 'first':
        return this.index0 === 0;
      case 'last':
        return this.index0 === n - 1;
      case 'length':
        return n;
      case 'depth':
        return this.depth0 + 1;
      case 'depth0':
        return this.depth0;
      case 'previtem':
        return this.index0 > 0 ? this.items[this.index0 - 1] : undefined;
      case 'nextitem':
        return this.index0 < n - 1 ? this.items[this.index0 + 1] : undefined;
    }
    return undefined;
  }

  override method(name: string, call: CallArgs): unknown {
    if (name === 'cycle') {
      if (call.args.length === 0) throw new ExprError('loop.cycle() needs at least one value');
      return call.args[this.index0 % call.args.length];
    }
    if (name === 'changed') {
      const changed = this.#lastChanged === undefined || !equalValues(this.#lastChanged, call.args);
      this.#lastChanged = [...call.args];
      return changed;
    }
    return undefined;
  }

  override call(call: CallArgs): unknown {
    if (!this.recurse) throw new ExprError("loop() can only be called inside a '{% for ... recursive %}' loop");
    return this.recurse(call.args[0]);
  }

  pyStr(): string {
    return `<LoopContext ${this.index0 + 1}/${this.items.length}>`;
  }
}

/** A callable with Python-like arguments (a macro, a `{% call %}` body's caller, a global function). */
export class Callable extends PyObject {
  constructor(
    readonly name: string,
    private readonly fn: (call: CallArgs) => unknown,
  ) {
    super();
  }

  attr(name: string): unknown {
    return name === 'name' ? this.name : undefined;
  }

  override call(call: CallArgs): unknown {
    return this.fn(call);
  }

  pyStr(): string {
    return `<Macro '${this.name}'>`;
  }
}

/** `namespace(a=1)`: attributes that `{% set ns.a = 2 %}` can change from inside a loop. */
export class Namespace extends PyObject {
  readonly values: Map<string, unknown>;
  constructor(call: CallArgs) {
    super();
    const init = isMapping(call.args[0]) ? Object.entries(call.args[0]) : [];
    this.values = new Map([...init, ...Object.entries(call.named)]);
  }

  attr(name: string): unknown {
    return this.values.get(name);
  }

  pyStr(): string {
    return `<Namespace {${[...this.values].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}>`;
  }
}

/** `cycler('odd', 'even')`: .next(), .current, .reset(). */
export class Cycler extends PyObject {
  #pos = 0;
  constructor(private readonly items: readonly unknown[]) {
    super();
    if (items.length === 0) throw new ExprError('cycler() needs at least one value');
  }

  attr(name: string): unknown {
    return name === 'current' ? this.items[this.#pos] : undefined;
  }

  override method(name: string): unknown {
    if (name === 'next') {
      const v = this.items[this.#pos];
      this.#pos = (this.#pos + 1) % this.items.length;
      return v;
    }
    if (name === 'reset') {
      this.#pos = 0;
      return null;
    }
    return undefined;
  }

  pyStr(): string {
    return '<Cycler>';
  }
}

/** `joiner(', ')`: '' on the first call, the separator afterwards. */
export function makeJoiner(sep: string): Callable {
  let used = false;
  return new Callable('joiner', () => {
    if (used) return sep;
    used = true;
    return '';
  });
}
