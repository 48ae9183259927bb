// --output jsonl: one event per line as the run goes, each valid against schema/events.schema.json, in order, masked.

import assert from 'node:assert/strict';
import type { JsonlEvent } from '../../src/report/jsonl-events.js';
import { compileSchema, errorsOf } from '../package/schema-helpers.js';
import { cli, localInventory, tempProject } from './cli-helpers.js';

const PLAYBOOK = `- hosts: all
  vars:
    db_password: !secret "Jsonl-S3cret-value"
  tasks:
    - name: write the config
      copy: { content: "password={{ db_password }}\\nport=1\\n", dest: "{{ playbook_dir }}/{{ inventory_hostname }}.conf" }
      notify: config changed
    - name: retried until the third attempt
      shell: echo x >> "{{ playbook_dir }}/{{ inventory_hostname }}.count" && test "$(wc -l < "{{ playbook_dir }}/{{ inventory_hostname }}.count")" -ge 3
      register: counted
      until: counted.rc == 0
      retries: 3
      delay: 0
    - name: skipped
      debug: { msg: never }
      when: false
  handlers:
    - name: config changed
      debug: { msg: "reloading with {{ db_password }}" }
`;

describe('cli: --output jsonl', () => {
  let p: ReturnType<typeof tempProject>;
  beforeEach(() => {
    p = tempProject({ 'inv.yml': localInventory(['web2', 'web1']), 'pb.yml': PLAYBOOK });
  });
  afterEach(() => p.cleanup());

  it('streams every event as one JSON line, each valid against the event schema (generated from the TypeScript types)', async () => {
    const r = await cli(['run', 'pb.yml', '-i', 'inv.yml', '--output', 'jsonl', '--diff'], { cwd: p.dir });
    assert.equal(r.code, 0, r.err);
    const validate = compileSchema('events.schema.json');
    const events = r.out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonlEvent);
    for (const e of events) assert.ok(validate(e), `${JSON.stringify(e)}\n${errorsOf(validate)}`);
    const types = events.map((e) => e.type);
    assert.equal(types[0], 'playbook_start');
    assert.equal(types.at(-1), 'playbook_end');
    assert.equal(types.at(-2), 'recap');
    for (const t of ['play_start', 'task_start', 'host_result', 'diff', 'handler_start', 'progress'])
      assert.ok(types.includes(t as JsonlEvent['type']), `no ${t} event`);
    // a diff comes before the host's result of the same task
    const diffAt = events.findIndex((e) => e.type === 'diff' && e.host === 'web1');
    const resultAt = events.findIndex((e) => e.type === 'host_result' && e.host === 'web1' && e.task.name === 'write the config');
    assert.ok(diffAt >= 0 && diffAt < resultAt);
    // retries carry the number left, as Ansible counts them
    const retries = events
      .filter((e): e is Extract<JsonlEvent, { type: 'progress' }> => e.type === 'progress' && e.host === 'web1')
      .map((e) => e.retries_left);
    assert.deepEqual(retries, [3, 2]);
    const recap = events.find((e): e is Extract<JsonlEvent, { type: 'recap' }> => e.type === 'recap')!;
    assert.deepEqual(Object.keys(recap.stats), ['web1', 'web2']);
    assert.equal((events.at(-1) as Extract<JsonlEvent, { type: 'playbook_end' }>).exit_code, 0);
  });

  it('masks secrets as every other output does: not in results, diffs or handler output', async () => {
    const r = await cli(['run', 'pb.yml', '-i', 'inv.yml', '--output', 'jsonl', '--diff', '-vvv'], { cwd: p.dir });
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /Jsonl-S3cret-value/);
    assert.match(r.out, /password=\*{8}/);
  });

  it('a line is written when the event happens, not at the end (the first line is there before the run finishes)', async () => {
    const { JsonlReporter } = await import('../../src/report/jsonl-reporter.js');
    const lines: string[] = [];
    const out = { write: (s: string) => (lines.push(s), true) } as unknown as NodeJS.WritableStream;
    const rep = new JsonlReporter(out, false, () => new Date(0));
    rep.onEvent({ type: 'playbook_start', file: '/x.yml', mode: 'check' });
    assert.deepEqual(lines, ['{"type":"playbook_start","version":1,"file":"/x.yml","mode":"check","time":"1970-01-01T00:00:00.000Z"}\n']);
  });

  it('the event schema rejects an event that does not match its type', () => {
    const validate = compileSchema('events.schema.json');
    assert.equal(validate({ type: 'host_result', time: 'x', host: 'h' }), false);
    assert.equal(validate({ type: 'no_such_event', time: 'x' }), false);
    assert.equal(validate({ type: 'playbook_end', time: 'x', exit_code: 0, duration_ms: 1, extra: true }), false);
  });
});
