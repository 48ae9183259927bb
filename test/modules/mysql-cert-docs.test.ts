// docs/modules pages of the mysql and certificate modules: argument tables in sync with the schemas, every argument described.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { renderArgTable, updateArgTable } from '../../src/modules/docs-table.js';
import { mysqlDbModule } from '../../src/modules/mysql-db.js';
import { mysqlQueryModule } from '../../src/modules/mysql-query.js';
import { mysqlSchemaModule } from '../../src/modules/mysql-schema.js';
import { mysqlUserModule } from '../../src/modules/mysql-user.js';
import { openSslPrivateKeyModule } from '../../src/modules/openssl-privatekey.js';
import { builtinModules } from '../../src/modules/registry.js';
import type { ModuleDefinition } from '../../src/modules/types.js';
import { x509CertificateModule } from '../../src/modules/x509-certificate.js';

const DEFS: ModuleDefinition[] = [mysqlDbModule, mysqlUserModule, mysqlQueryModule, mysqlSchemaModule, openSslPrivateKeyModule, x509CertificateModule];

describe('mysql and certificate module docs', () => {
  for (const def of DEFS) {
    it(`${def.name}: registered, its page has the current argument table, every argument described`, () => {
      assert.equal((builtinModules as Record<string, ModuleDefinition>)[def.name], def);
      const page = readFileSync(new URL(`../../docs/modules/${def.name}.md`, import.meta.url), 'utf8');
      assert.ok(page.startsWith(`# ${def.name}\n\n${def.summary}\n`), 'page starts with the name and the summary');
      assert.equal(updateArgTable(page, def), page, 'regenerate the table: updateArgTable() from src/modules/docs-table.ts');
      const table = renderArgTable(def);
      for (const [name, spec] of Object.entries(def.schema.args)) {
        assert.ok(spec.description.length > 10, `${def.name}.${name} needs a description`);
        assert.ok(table.includes(`| \`${name}\``), `${name} in table`);
      }
    });
  }
  it('passwords are secret arguments', () => {
    assert.equal(mysqlUserModule.schema.args.password.secret, true);
    for (const def of [mysqlDbModule, mysqlUserModule, mysqlQueryModule, mysqlSchemaModule]) assert.equal(def.schema.args.login_password.secret, true);
  });
});
