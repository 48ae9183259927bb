// A custom change's apply may say it changed nothing (`changed: false`): the task is then ok, notifies nothing and counts no change.

import assert from 'node:assert/strict';
import type { ModuleDefinition } from '../../src/modules/types.js';
import { hostResults, makeProject, runLib, type Project } from './helpers.js';

/**
 * A module whose plan always applies (it cannot know beforehand, like mysql_query's writes); its
 * apply writes the file only when the bytes differ and says whether it did. `say: false` makes it
 * return no verdict at all (the plan's stands).
 */
const writeIfDifferent: ModuleDefinition<{ path: string; content: string; say: boolean }, null> = {
  name: 'write_if_different',
  summary: 'test module: writes at apply time and reports what it did',
  checkMode: 'partial',
  schema: {
    args: {
      path: { type: 'str', description: 'file', required: true },
      content: { type: 'str', description: 'bytes', required: true },
      say: { type: 'bool', description: 'return a verdict', default: true },
    },
  },
  gather: async () => null,
  plan: (args) => ({
    changes: [{
      kind: 'custom',
      summary: `write ${args.path} if different`,
      async apply({ conn }) {
        const now = await conn.readFile(args.path);
        const differs = now === null || now.toString() !== args.content;
        if (differs) await conn.writeFile(args.path, Buffer.from(args.content));
        return args.say ? { changed: differs, wrote: differs } : { wrote: differs };
      },
    }],
  }),
};

describe('engine: a custom apply\'s changed verdict', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1'], seed: { same: 'v1' } })));
  afterEach(() => p.cleanup());

  it('changed: false makes the task ok (no notify, changed=0); changed: true and no verdict stay changed', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - name: unchanged
      write_if_different: { path: "{{ root_dir }}/same", content: v1 }
      notify: h
      register: out
    - name: changed
      write_if_different: { path: "{{ root_dir }}/new", content: v2 }
    - name: silent
      write_if_different: { path: "{{ root_dir }}/same", content: v1, say: false }
  handlers:
    - name: h
      debug: { msg: notified }
`);
    const r = await runLib(p, 'site.yml', { modules: { write_if_different: writeIfDifferent } });
    assert.equal(r.exitCode, 0);
    const status = Object.fromEntries(hostResults(r.events).map((e) => [e.task.name, [e.status, e.result.changed]]));
    assert.deepEqual(status, { unchanged: ['ok', false], changed: ['changed', true], silent: ['changed', true] });
    assert.equal(r.stats.h1!.changed, 2);
    assert.equal(p.read('h1', 'new'), 'v2');
  });
});
