// The system modules (apt, package, user, group, stat, ini_file): registered, and docs pages in sync with their schemas.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { renderArgTable, updateArgTable } from '../../src/modules/docs-table.js';
import { builtinModules } from '../../src/modules/registry.js';
import type { ModuleDefinition } from '../../src/modules/types.js';

const names = ['apt', 'package', 'user', 'group', 'stat', 'ini_file'] as const;

describe('system module docs and registry', () => {
  for (const name of names) {
    const def = (builtinModules as Record<string, ModuleDefinition>)[name]!;
    it(`${name} is registered under its Ansible name`, () => {
      assert.ok(def, `${name} in src/modules/registry.ts`);
      assert.equal(def.name, name);
    });
    it(`docs/modules/${name}.md starts with the summary and has the current argument table`, () => {
      const page = readFileSync(new URL(`../../docs/modules/${name}.md`, import.meta.url), 'utf8');
      assert.ok(page.startsWith(`# ${name}\n\n${def.summary}\n`), 'page starts with the module name and summary');
      assert.equal(updateArgTable(page, def), page, 'regenerate the table: updateArgTable() from src/modules/docs-table.ts');
      for (const [arg, spec] of Object.entries(def.schema.args)) {
        assert.ok(spec.description.length > 10, `${name}.${arg} needs a description`);
        assert.ok(renderArgTable(def).includes(`| \`${arg}\``));
      }
    });
  }
});
