// The generated JSON Schemas: committed files are current, every shipped playbook, task file, role meta and inventory validates, mistakes do not.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaFiles } from '../../schema/build-schemas.js';
import { compileSchema, errorsOf, findFiles, loadYaml, parseYamlText, ROOT } from './schema-helpers.js';

describe('JSON Schemas (schema/)', () => {
  it('the committed schema files are what `npm run build:schema` generates now', () => {
    for (const [name, text] of Object.entries(schemaFiles())) {
      const file = path.join(ROOT, 'schema', name);
      assert.ok(existsSync(file), `schema/${name} is missing: run npm run build:schema`);
      assert.ok(readFileSync(file, 'utf8') === text, `schema/${name} is stale: run npm run build:schema and commit it`);
    }
  });

  it('every shipped playbook validates against playbook.schema.json', () => {
    const validate = compileSchema('playbook.schema.json');
    const files = findFiles(path.join(ROOT, 'playbooks'), (rel) => /\.ya?ml$/.test(rel));
    assert.ok(files.length > 0);
    for (const f of files) assert.ok(validate(loadYaml(f)), `${f}:\n${errorsOf(validate)}`);
  });

  it('every task and handler file of every shipped role validates against tasks.schema.json, every meta/main.yml against role-meta', () => {
    const tasks = compileSchema('tasks.schema.json');
    const meta = compileSchema('role-meta.schema.json');
    const taskFiles = findFiles(path.join(ROOT, 'roles'), (rel) => /^[^/]+\/(tasks|handlers)\/.+\.ya?ml$/.test(rel));
    const metaFiles = findFiles(path.join(ROOT, 'roles'), (rel) => /^[^/]+\/meta\/main\.ya?ml$/.test(rel));
    assert.ok(taskFiles.length >= 8, `found ${taskFiles.length} task files`);
    for (const f of taskFiles) assert.ok(tasks(loadYaml(f) ?? []), `${f}:\n${errorsOf(tasks)}`);
    for (const f of metaFiles) assert.ok(meta(loadYaml(f) ?? {}), `${f}:\n${errorsOf(meta)}`);
  });

  it('every shipped YAML inventory validates against inventory.schema.json', () => {
    const validate = compileSchema('inventory.schema.json');
    const files = findFiles(path.join(ROOT, 'inventories'), (rel) => /^[^/]+\/hosts\.ya?ml$/.test(rel));
    assert.ok(files.length > 0);
    for (const f of files) assert.ok(validate(loadYaml(f)), `${f}:\n${errorsOf(validate)}`);
  });

  const play = (task: string) => `- hosts: all\n  tasks:\n${task.replace(/^/gm, '    ')}\n`;
  const invalid: Record<string, string> = {
    'a misspelt task keyword (whenn)': play('- name: t\n  copy: { src: a, dest: /b }\n  whenn: x is defined'),
    'a misspelt play keyword (hostss)': '- hostss: all\n  tasks: []\n',
    'a misspelt module argument (dset)': play('- copy: { src: a, dset: /b }'),
    'an unknown module': play('- name: t\n  kopy: { src: a, dest: /b }'),
    'two modules in one task': play('- copy: { src: a, dest: /b }\n  file: { path: /b }'),
    'a task with no module': play('- name: only a name'),
    'a value outside the choices': play('- file: { path: /b, state: gone }'),
    'a boolean keyword given a word': play('- copy: { src: a, dest: /b }\n  become: maybe'),
    'a block keyword on a block that is misspelt (rescu)': play('- block:\n    - debug: { msg: x }\n  rescu:\n    - debug: { msg: y }'),
  };
  for (const [what, text] of Object.entries(invalid)) {
    it(`does not validate ${what}`, () => {
      const validate = compileSchema('playbook.schema.json');
      assert.equal(validate(parseYamlText(text)), false);
    });
  }

  it('validates the same play when it is spelt right (the invalid cases fail for their mistake only)', () => {
    const validate = compileSchema('playbook.schema.json');
    const ok = play(
      '- name: t\n  ansible.builtin.copy: { src: a, dest: /b }\n  when: x is defined\n  become: yes\n- file: path=/b state=absent\n- block:\n    - debug: { msg: x }\n  rescue:\n    - debug: { msg: y }',
    );
    assert.ok(validate(parseYamlText(ok)), errorsOf(validate));
  });
});
