// debug, assert, set_fact and fail: validated args + variables -> plan (result, facts, failure), as tables.

import assert from 'node:assert/strict';
import { ArgError, validateArgs } from '../../src/modules/args.js';
import { assertModule } from '../../src/modules/assert.js';
import { debugModule, NOT_DEFINED } from '../../src/modules/debug.js';
import { failModule } from '../../src/modules/fail.js';
import { setFactModule } from '../../src/modules/set-fact.js';
import type { ModuleDefinition, Plan } from '../../src/modules/types.js';
import { Secret } from '../../src/vars/secret.js';

const VARS: Record<string, unknown> = {
  esb_version: '5.0.0',
  nodes: ['esb1', 'esb2'],
  result: { rc: 0, stdout_lines: ['a', 'b'], changed: true },
  checked: { skipped: true, check_mode_skipped: true, changed: true },
  db_password: new Secret('pw123'),
  nothing: null,
};

async function planOf(def: ModuleDefinition, raw: Record<string, unknown>, checkMode = false): Promise<Plan> {
  const args = validateArgs(def, raw);
  const ctx = { host: 'esb1', checkMode, vars: VARS };
  assert.equal(await def.gather({ ...ctx, conn: null, findFile: () => '', renderTemplate: (t: string) => t }, args), undefined);
  return def.plan(args, undefined, ctx);
}

interface Case {
  readonly name: string;
  readonly def: ModuleDefinition;
  readonly args: Record<string, unknown>;
  readonly failed?: RegExp;
  readonly result?: Record<string, unknown>;
  readonly facts?: Record<string, unknown>;
}

const CASES: Case[] = [
  { name: 'debug default message', def: debugModule, args: {}, result: { msg: 'Hello world!' } },
  { name: 'debug msg of any type', def: debugModule, args: { msg: ['x', 1] }, result: { msg: ['x', 1] } },
  { name: 'debug var by name', def: debugModule, args: { var: 'esb_version' }, result: { esb_version: '5.0.0' } },
  { name: 'debug var as an expression', def: debugModule, args: { var: 'result.stdout_lines | length' }, result: { 'result.stdout_lines | length': 2 } },
  { name: 'debug var undefined', def: debugModule, args: { var: 'nope' }, result: { nope: NOT_DEFINED } },
  { name: 'debug var missing attribute', def: debugModule, args: { var: 'result.nope' }, result: { 'result.nope': NOT_DEFINED } },
  { name: 'debug var none stays none', def: debugModule, args: { var: 'nothing' }, result: { nothing: null } },
  { name: 'debug var syntax error fails', def: debugModule, args: { var: 'result ==' }, failed: /^debug var: syntax error in expression at column 10/ },
  { name: 'assert one string', def: assertModule, args: { that: "esb_version is version('4.9.0', '>=')" }, result: { msg: 'All assertions passed' } },
  { name: 'assert list all true', def: assertModule, args: { that: ['nodes | length == 2', 'result.rc == 0', true] }, result: { msg: 'All assertions passed' } },
  { name: 'assert success_msg', def: assertModule, args: { that: ['result is changed'], success_msg: 'cluster ok' }, result: { msg: 'cluster ok' } },
  { name: 'assert names the first failing condition', def: assertModule, args: { that: ['result.rc == 0', 'nodes | length == 3', 'false'] }, failed: /^Assertion failed: nodes \| length == 3$/ },
  { name: 'assert fail_msg', def: assertModule, args: { that: 'checked.rc == 0', fail_msg: 'rc unknown in check mode' }, failed: /^rc unknown in check mode$/ },
  { name: 'assert msg alias', def: assertModule, args: { that: 'false', msg: 'nope' }, failed: /^nope$/ },
  { name: 'assert undefined variable fails the task, naming it', def: assertModule, args: { that: 'cluster_name == "x"' }, failed: /could not be evaluated: undefined variable 'cluster_name'/ },
  { name: 'assert on a secret compares without printing it', def: assertModule, args: { that: "db_password == 'wrong'" }, failed: /^Assertion failed: db_password == 'wrong'$/ },
  { name: 'assert empty list', def: assertModule, args: { that: [] }, failed: /empty list/ },
  { name: 'set_fact several', def: setFactModule, args: { a: 1, b: 'two', c: { d: [1] } }, facts: { a: 1, b: 'two', c: { d: [1] } } },
  { name: 'set_fact cacheable is not a fact', def: setFactModule, args: { a: 1, cacheable: true }, facts: { a: 1 } },
  { name: 'set_fact needs a key', def: setFactModule, args: {}, failed: /at least one/ },
  { name: 'set_fact bad name', def: setFactModule, args: { '1abc': 1 }, failed: /'1abc' is not a valid variable name/ },
  { name: 'fail default message', def: failModule, args: {}, failed: /^Failed as requested from task$/ },
  { name: 'fail message', def: failModule, args: { msg: 'db_url is required' }, failed: /^db_url is required$/ },
  { name: 'fail secret message stays masked', def: failModule, args: { msg: new Secret('pw123') }, failed: /^\*{8}$/ },
  { name: 'fail structured message', def: failModule, args: { msg: { why: 'x' } }, failed: /^\{"why":"x"\}$/ },
];

describe('controller modules', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const plan = await planOf(c.def, c.args);
      assert.deepEqual(plan.changes, []);
      if (c.failed) {
        assert.ok(plan.failed !== undefined, `expected a failure, got ${JSON.stringify(plan)}`);
        assert.match(plan.failed, c.failed);
        assert.ok(!plan.failed.includes('pw123'));
        return;
      }
      assert.equal(plan.failed, undefined, `unexpected failure: ${plan.failed}`);
      assert.equal(plan.changed, false);
      if (c.result) assert.deepEqual(plan.result, c.result);
      if (c.facts) {
        assert.deepEqual(plan.facts, c.facts);
        assert.deepEqual(plan.result, { ansible_facts: c.facts });
      }
    });
  }

  it('every controller module runs on the controller and predicts exactly in check mode', () => {
    for (const def of [debugModule, assertModule, setFactModule, failModule] as ModuleDefinition[]) {
      assert.equal(def.controllerOnly, true, def.name);
      assert.equal(def.checkMode, 'full', def.name);
    }
  });

  it('check mode plans the same as a run', async () => {
    const run = await planOf(assertModule, { that: ['result.rc == 0'] });
    const check = await planOf(assertModule, { that: ['result.rc == 0'] }, true);
    assert.deepEqual(check, run);
  });

  it('argument errors: debug msg and var together, unknown assert argument, bad verbosity', () => {
    assert.throws(() => validateArgs(debugModule, { msg: 'a', var: 'b' }), /mutually exclusive: msg, var/);
    assert.throws(() => validateArgs(assertModule, { that: 'x', fail_mgs: 'y' }), (e: unknown) => e instanceof ArgError && /did you mean 'fail_msg'/.test(e.message));
    assert.throws(() => validateArgs(debugModule, { msg: 'a', verbosity: 'high' }), /'verbosity' must be an integer/);
    assert.throws(() => validateArgs(assertModule, {}), /missing required argument 'that'/);
  });

  it('set_fact keeps values as given (Secrets too) and validates its own cacheable', () => {
    const pw = VARS.db_password;
    assert.deepEqual(validateArgs(setFactModule, { pw, cacheable: 'yes' }), { pw, cacheable: true });
    assert.throws(() => validateArgs(setFactModule, { a: 1, cacheable: 'maybe' }), /'cacheable' must be a boolean/);
  });
});
