// The file and command modules: docs pages in sync with the schemas, and cases that YAML cannot express.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { blockinfileModule } from '../../src/modules/blockinfile.js';
import { commandModule } from '../../src/modules/command.js';
import { copyModule } from '../../src/modules/copy.js';
import { renderArgTable, updateArgTable } from '../../src/modules/docs-table.js';
import { fileModule } from '../../src/modules/file.js';
import { lineinfileModule } from '../../src/modules/lineinfile.js';
import { shellModule } from '../../src/modules/shell.js';
import { templateModule } from '../../src/modules/template.js';
import type { ModuleDefinition } from '../../src/modules/types.js';
import { Secret } from '../../src/vars/secret.js';
import { runCase } from './run-cases.js';

const defs: ModuleDefinition[] = [lineinfileModule, blockinfileModule, templateModule, copyModule, fileModule, commandModule, shellModule];

describe('file and command module docs', () => {
  for (const def of defs) {
    it(`docs/modules/${def.name}.md has the current argument table`, () => {
      const page = readFileSync(new URL(`../../docs/modules/${def.name}.md`, import.meta.url), 'utf8');
      assert.ok(page.startsWith(`# ${def.name}\n`), 'page starts with the module name');
      assert.equal(updateArgTable(page, def), page, `regenerate the table: updateArgTable() from src/modules/docs-table.ts`);
    });
    it(`${def.name}: every argument is described and the table lists it`, () => {
      const table = renderArgTable(def);
      for (const [name, spec] of Object.entries(def.schema.args)) {
        assert.ok(spec.description.length > 10, `${def.name}.${name} needs a description`);
        assert.ok(table.includes(`| \`${name}\``), `${name} in table`);
      }
    });
  }
});

describe('copy with secret content', () => {
  it('writes the secret but marks the change and the plan sensitive', () =>
    runCase(copyModule, {
      name: 'secret',
      args: { content: new Secret('s3cr3t\n'), dest: '{file}', mode: '0600' },
      fileChange: { sensitive: true },
      after: 's3cr3t\n',
      afterMode: 0o600,
    }));
});
