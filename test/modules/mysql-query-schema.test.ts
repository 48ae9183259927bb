// mysql_query and mysql_schema against a real MariaDB: bound args, truthful changed, check mode, the whole-schema guard on mysql.sql.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mysqlQueryModule } from '../../src/modules/mysql-query.js';
import { mysqlSchemaModule } from '../../src/modules/mysql-schema.js';
import { Secret } from '../../src/vars/secret.js';
import { useMariadb, type TestMariadb } from './mysql-server.js';
import { STOCK_FILES } from '../stock-files.js';

const SCRIPT = `${STOCK_FILES}/4.9.0/dbscripts/mysql.sql`;

describe('mysql_query / mysql_schema on a real MariaDB', function () {
  const suite = useMariadb();
  const run = suite.run;
  let db: TestMariadb;
  let dir: string;
  let script: string;
  const tableCount = async (name: string) =>
    Number((await db.sql(`SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='${name}'`)).split('\n')[1]);

  before(async () => {
    db = suite.db;
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-schema-'));
    script = path.join(dir, 'mysql.sql');
    await fs.copyFile(SCRIPT, script);
    await db.sql('CREATE DATABASE app; CREATE TABLE app.t (id INT PRIMARY KEY, s TEXT);');
  });
  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('SELECT runs in check mode too, changes nothing, keeps NULL apart from the string NULL', async () => {
    await db.sql("INSERT INTO app.t VALUES (1, 'a\\tb\\nc'), (2, NULL), (3, 'NULL');");
    const r = await run(mysqlQueryModule, { login_db: 'app', query: ['SELECT id, s FROM t ORDER BY id', 'SHOW TABLES'] }, true);
    assert.equal(r.plan.changes.length, 0);
    assert.equal(r.plan.changed, false);
    assert.deepEqual(r.result.query_result, [[{ id: '1', s: 'a\tb\nc' }, { id: '2', s: null }, { id: '3', s: 'NULL' }], [{ Tables_in_app: 't' }]]);
    assert.deepEqual(r.result.rowcount, [3, 1]);
  });

  it('bound arguments are quoted by one function: quotes, backslashes and SQL in values arrive as data', async () => {
    const evil = "x'); DROP TABLE t; -- \\' \"";
    const ins = await run(mysqlQueryModule, { login_db: 'app', query: 'INSERT INTO t VALUES (%s, %s)', positional_args: [10, evil] });
    assert.equal(ins.result.changed, true);
    assert.deepEqual(ins.result.rowcount, [1]);
    const sel = await run(mysqlQueryModule, { login_db: 'app', query: "SELECT s, '100%%' AS pct FROM t WHERE id = %(id)s", named_args: { id: 10 } });
    assert.deepEqual(sel.result.query_result, [[{ s: evil, pct: '100%' }]]);
    const missing = await run(mysqlQueryModule, { login_db: 'app', query: 'SELECT %s, %s', positional_args: [1] });
    assert.match(missing.plan.failed ?? '', /more %s placeholders than positional_args/);
  });

  it('changed is true only when a statement changed rows or the schema', async () => {
    const noRows = await run(mysqlQueryModule, { login_db: 'app', query: 'UPDATE t SET s = %s WHERE id = 999', positional_args: ['z'] });
    assert.equal(noRows.applied, 1);
    assert.equal(noRows.result.changed, false, 'an UPDATE that matched no row');
    assert.deepEqual(noRows.result.rowcount, [0]);
    const rows = await run(mysqlQueryModule, { login_db: 'app', query: 'UPDATE t SET s = %s WHERE id IN (1, 2)', positional_args: ['z'] });
    assert.equal(rows.result.changed, true);
    assert.deepEqual(rows.result.rowcount, [2]);
    const create = await run(mysqlQueryModule, { login_db: 'app', query: 'CREATE TABLE IF NOT EXISTS u (i INT)' });
    assert.equal(create.result.changed, true);
    const exists = await run(mysqlQueryModule, { login_db: 'app', query: ['CREATE TABLE IF NOT EXISTS u (i INT)', 'DROP TABLE IF EXISTS nope'] });
    assert.equal(exists.result.changed, false, 'IF [NOT] EXISTS that did nothing');
  });

  it('check mode runs no write; single_transaction rolls every statement back on a failure; secrets stay masked', async () => {
    const check = await run(mysqlQueryModule, { login_db: 'app', query: 'DELETE FROM t' }, true);
    assert.equal(check.plan.changes.length, 1);
    assert.equal(check.applied, 0);
    assert.match(await db.sql('SELECT COUNT(*) FROM app.t'), /\n4\n/);
    const pw = new Secret('Tx-Secret-9');
    await assert.rejects(
      run(mysqlQueryModule, { login_db: 'app', single_transaction: true, query: ['INSERT INTO t VALUES (20, %s)', 'INSERT INTO t VALUES (20, %s)'], positional_args: [pw] }),
      (e: Error) => {
        assert.match(e.message, /statement 2 \(INSERT INTO t VALUES \(20, \*{8}\)\): ERROR 1062/);
        assert.match(e.message, /rolled back/);
        assert.equal(e.message.includes('Tx-Secret-9'), false);
        return true;
      },
    );
    assert.match(await db.sql('SELECT COUNT(*) FROM app.t WHERE id = 20'), /\n0\n/, 'the first insert was rolled back');
  });

  it('mysql_schema on an empty database: check mode predicts, the run applies all of mysql.sql, the next run is ok', async () => {
    await db.sql('CREATE DATABASE reg');
    const check = await run(mysqlSchemaModule, { db: 'reg', src: script }, true);
    assert.equal(check.plan.changes.length, 1);
    assert.equal(check.result.status, 'empty');
    assert.equal(await tableCount('reg'), 0, 'check mode created nothing');
    const first = await run(mysqlSchemaModule, { db: 'reg', src: script });
    assert.equal(first.result.status, 'complete');
    assert.equal(first.result.applied, true);
    assert.equal(await tableCount('reg'), 39);
    const again = await run(mysqlSchemaModule, { db: 'reg', src: script });
    assert.equal(again.plan.changes.length, 0);
    assert.match(again.plan.noopReason ?? '', /all 39 tables/);
    const verified = await run(mysqlSchemaModule, { db: 'reg', src: script, state: 'verified' });
    assert.equal(verified.plan.failed, undefined);
    assert.equal(verified.result.complete, true);
  });

  it('mysql_schema refuses a half-applied schema, names what is missing and runs nothing', async () => {
    const text = await fs.readFile(script, 'utf8');
    const half = text.slice(0, text.indexOf('CREATE TABLE UM_ROLE ('));
    await db.sql(`CREATE DATABASE um; USE um; ${half}`);
    const before = await tableCount('um');
    assert.ok(before > 5 && before < 39, `half-applied: ${before} tables`);
    for (const state of ['present', 'verified']) {
      const r = await run(mysqlSchemaModule, { db: 'um', src: script, state });
      assert.equal(r.result.status, 'partial');
      assert.match(r.plan.failed ?? '', new RegExp(`half-created: it has ${before} of the 39 tables`));
      assert.match(r.plan.failed ?? '', /missing tables: UM_ROLE, UM_MODULE/);
      assert.ok((r.result.tables_missing as string[]).includes('UM_HYBRID_REMEMBER_ME'), 'the last table of the script is listed');
    }
    assert.equal(await tableCount('um'), before);
  });

  it('mysql_schema counts a missing index as half-created; no database and a missing script fail clearly', async () => {
    await db.sql('DROP INDEX REG_PATH_IND_BY_PATH_VALUE ON reg.REG_PATH');
    const r = await run(mysqlSchemaModule, { db: 'reg', src: script, state: 'verified' });
    assert.equal(r.result.status, 'partial');
    assert.deepEqual(r.result.indexes_missing, ['REG_PATH.REG_PATH_IND_BY_PATH_VALUE']);
    const noDb = await run(mysqlSchemaModule, { db: 'nodb', src: script });
    assert.match(noDb.plan.failed ?? '', /database nodb does not exist \(create it with mysql_db first\)/);
    assert.equal((await run(mysqlSchemaModule, { db: 'nodb', src: script }, true)).plan.changes.length, 1, 'check mode: an earlier task would create it');
    const noScript = await run(mysqlSchemaModule, { db: 'reg', src: `${dir}/missing.sql` });
    assert.match(noScript.plan.failed ?? '', /missing\.sql does not exist on the host/);
  });

  it('a script that fails half-way reports the half-created schema', async () => {
    await db.sql('CREATE DATABASE broken');
    const bad = path.join(dir, 'bad.sql');
    await fs.writeFile(bad, 'CREATE TABLE A (i INT);\nCREATE TABLE B (i INT;\nCREATE TABLE C (i INT);\n');
    await assert.rejects(run(mysqlSchemaModule, { db: 'broken', src: bad }), /applying .*bad\.sql to broken failed, the schema is now half-created: ERROR 1064 \(42000\) at line 2/);
    const next = await run(mysqlSchemaModule, { db: 'broken', src: bad });
    assert.match(next.plan.failed ?? '', /missing tables: B, C/);
  });
});
