// mysql_db and mysql_user against a real MariaDB: create, idempotence, rotation seen by TCP clients, host-limited grants, check mode.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { LocalConnection } from '../../src/connection/local.js';
import { mysqlDbModule } from '../../src/modules/mysql-db.js';
import { mysqlUserModule } from '../../src/modules/mysql-user.js';
import { Secret } from '../../src/vars/secret.js';
import { runModule } from './op-harness.js';
import { tryLogin } from './mysql-probe.js';
import { useMariadb, type TestMariadb } from './mysql-server.js';

describe('mysql_db / mysql_user on a real MariaDB', function () {
  const suite = useMariadb();
  let db: TestMariadb;
  const conn = new LocalConnection('db');
  const run = suite.run;
  const login = (from: number, user: string, password: string) =>
    tryLogin({ address: db.address, port: db.port, localAddress: `${db.subnet}.${from}`, user, password });
  const grants = async (user: string, host: string) => (await db.sql(`SHOW GRANTS FOR '${user}'@'${host}'`)).split('\n').slice(1).filter(Boolean);
  before(() => {
    db = suite.db;
  });

  it('mysql_db creates the shared-registry and user-store databases once; check mode predicts and changes nothing', async () => {
    const check = await run(mysqlDbModule, { name: ['wso2_reg', 'wso2_um'], encoding: 'latin1', collation: 'latin1_swedish_ci' }, true);
    assert.equal(check.plan.changes.length, 1);
    assert.equal(check.applied, 0);
    assert.doesNotMatch(await db.sql('SHOW DATABASES'), /wso2_/);
    const first = await run(mysqlDbModule, { name: ['wso2_reg', 'wso2_um'], encoding: 'latin1', collation: 'latin1_swedish_ci' });
    assert.deepEqual(first.result.executed_commands, [
      'CREATE DATABASE `wso2_reg` CHARACTER SET `latin1` COLLATE `latin1_swedish_ci`',
      'CREATE DATABASE `wso2_um` CHARACTER SET `latin1` COLLATE `latin1_swedish_ci`',
    ]);
    assert.match(await db.sql("SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME='wso2_um'"), /latin1/);
    const second = await run(mysqlDbModule, { name: ['wso2_reg', 'wso2_um'], encoding: 'latin1' });
    assert.equal(second.plan.changes.length, 0, 'second run changes nothing');
    assert.equal(second.plan.noopReason, 'databases wso2_reg, wso2_um exist');
    const one = await run(mysqlDbModule, { name: 'wso2_reg' });
    assert.equal(one.result.encoding, 'latin1');
  });

  it('mysql_db absent drops only an existing database; dump and import round-trip', async () => {
    await db.sql('CREATE DATABASE scratch; CREATE TABLE scratch.t (i INT); INSERT INTO scratch.t VALUES (7);');
    const dir = await fs.mkdtemp('/tmp/esbplay-mysqldump-');
    try {
      const dump = await run(mysqlDbModule, { name: 'scratch', state: 'dump', target: `${dir}/s.sql` });
      assert.equal(dump.applied, 1);
      assert.match(await fs.readFile(`${dir}/s.sql`, 'utf8'), /INSERT INTO `t` VALUES/);
      const drop = await run(mysqlDbModule, { name: 'scratch', state: 'absent' });
      assert.equal(drop.applied, 1);
      assert.equal((await run(mysqlDbModule, { name: 'scratch', state: 'absent' })).plan.changes.length, 0);
      await fs.writeFile(`${dir}/plain.sql`, 'CREATE TABLE t (i INT);\nINSERT INTO t VALUES (42);\n');
      await run(mysqlDbModule, { name: 'scratch' });
      const imp = await run(mysqlDbModule, { name: 'scratch', state: 'import', target: `${dir}/plain.sql` });
      assert.equal(imp.applied, 1);
      assert.match(await db.sql('SELECT i FROM scratch.t'), /42/);
      const missing = await run(mysqlDbModule, { name: 'scratch', state: 'import', target: `${dir}/nope.sql` });
      assert.match(missing.plan.failed ?? '', /does not exist/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('mysql_user: accounts only for the nodes\' addresses, with grants on the two databases; second run unchanged', async () => {
    const pw = new Secret('First-Pa$$ w0rd\'"\\');
    for (const node of [2, 3]) {
      const r = await run(mysqlUserModule, { name: 'wso2', host: `${db.subnet}.${node}`, password: pw, priv: 'wso2_reg.*:ALL/wso2_um.*:ALL' });
      assert.equal(r.result.created, true);
      assert.equal(r.applied, 1);
      assert.equal(JSON.stringify(r).includes(pw.reveal()), false, 'password in the outcome');
    }
    assert.deepEqual(await login(2, 'wso2', pw.reveal()), { ok: true });
    assert.deepEqual(await login(3, 'wso2', pw.reveal()), { ok: true });
    const other = await login(4, 'wso2', pw.reveal());
    assert.equal(other.ok, false);
    assert.match((other as { message: string }).message, /not allowed to connect|Access denied/);
    assert.deepEqual((await grants('wso2', `${db.subnet}.2`)).slice(1).sort(), [
      `GRANT ALL PRIVILEGES ON \`wso2_reg\`.* TO \`wso2\`@\`${db.subnet}.2\``,
      `GRANT ALL PRIVILEGES ON \`wso2_um\`.* TO \`wso2\`@\`${db.subnet}.2\``,
    ]);
    const again = await run(mysqlUserModule, { name: 'wso2', host: `${db.subnet}.2`, password: pw, priv: { 'wso2_reg.*': 'ALL', 'wso2_um.*': 'ALL' } });
    assert.equal(again.plan.changes.length, 0, again.plan.noopReason);
    assert.match(again.plan.noopReason ?? '', /password matches, privileges match/);
  });

  it('mysql_user rotates the password with ALTER USER: old refused, new accepted over TCP; check mode first predicts and changes nothing', async () => {
    const oldPw = 'First-Pa$$ w0rd\'"\\';
    const newPw = new Secret('Second;Pw#2 `x`');
    const args = { name: 'wso2', host: `${db.subnet}.2`, password: newPw, priv: 'wso2_reg.*:ALL/wso2_um.*:ALL' };
    const check = await run(mysqlUserModule, args, true);
    assert.equal(check.plan.changes.length, 1);
    assert.equal(check.applied, 0);
    assert.match(check.plan.changes[0]!.kind === 'custom' ? check.plan.changes[0]!.summary : '', /^ALTER USER 'wso2'@'127\.10\.\d+\.2' IDENTIFIED BY \*{8}$/);
    assert.deepEqual(await login(2, 'wso2', oldPw), { ok: true }, 'check mode changed the password');
    const rot = await run(mysqlUserModule, args);
    assert.equal(rot.result.password_changed, true);
    assert.equal(rot.result.created, false);
    assert.equal(JSON.stringify(rot).includes(newPw.reveal()), false);
    const refused = await login(2, 'wso2', oldPw);
    assert.equal(refused.ok, false);
    assert.equal((refused as { code: number }).code, 1045);
    assert.deepEqual(await login(2, 'wso2', newPw.reveal()), { ok: true });
    assert.deepEqual(await login(3, 'wso2', oldPw), { ok: true }, 'the other node\'s account is a separate account');
    assert.equal((await run(mysqlUserModule, args)).plan.changes.length, 0);
    const onCreate = await run(mysqlUserModule, { ...args, password: 'third', update_password: 'on_create' });
    assert.equal(onCreate.plan.changes.length, 0, 'update_password on_create leaves an existing account alone');
  });

  it('mysql_user grants and revokes only the difference; append_privs never revokes', async () => {
    const acct = { name: 'app', host: `${db.subnet}.5`, password: 'pw' };
    await run(mysqlUserModule, { ...acct, priv: 'wso2_reg.*:ALL,GRANT/wso2_um.*:SELECT' });
    const narrow = await run(mysqlUserModule, { ...acct, priv: 'wso2_reg.*:SELECT,INSERT,GRANT' });
    assert.deepEqual(narrow.result.executed_statements, [
      `REVOKE ALL PRIVILEGES ON \`wso2_reg\`.* FROM 'app'@'${acct.host}'`,
      `GRANT INSERT, SELECT ON \`wso2_reg\`.* TO 'app'@'${acct.host}' WITH GRANT OPTION`,
      `REVOKE SELECT ON \`wso2_um\`.* FROM 'app'@'${acct.host}'`,
    ]);
    assert.deepEqual((await grants('app', acct.host)).slice(1), [`GRANT SELECT, INSERT ON \`wso2_reg\`.* TO \`app\`@\`${acct.host}\` WITH GRANT OPTION`]);
    assert.equal((await run(mysqlUserModule, { ...acct, priv: 'wso2_reg.*:INSERT,SELECT,GRANT' })).plan.changes.length, 0);
    const noGrantOpt = await run(mysqlUserModule, { ...acct, priv: 'wso2_reg.*:SELECT' });
    assert.deepEqual(noGrantOpt.result.executed_statements, [
      `REVOKE INSERT ON \`wso2_reg\`.* FROM 'app'@'${acct.host}'`,
      `REVOKE GRANT OPTION ON \`wso2_reg\`.* FROM 'app'@'${acct.host}'`,
    ]);
    assert.deepEqual((await grants('app', acct.host)).slice(1), [`GRANT SELECT ON \`wso2_reg\`.* TO \`app\`@\`${acct.host}\``]);
    const append = await run(mysqlUserModule, { ...acct, priv: 'wso2_um.*:SELECT', append_privs: true });
    assert.deepEqual(append.result.executed_statements, [`GRANT SELECT ON \`wso2_um\`.* TO 'app'@'${acct.host}'`]);
    assert.equal((await grants('app', acct.host)).length, 3, 'wso2_reg kept, wso2_um added');
    const column = await run(mysqlUserModule, { ...acct, priv: 'wso2_reg.*:SELECT/wso2_um.*:SELECT/mysql.user:SELECT (User, Host)' });
    assert.equal(column.applied, 1);
    assert.equal((await run(mysqlUserModule, { ...acct, priv: 'wso2_reg.*:SELECT/wso2_um.*:SELECT/mysql.user:SELECT (`host`,`user`)' })).plan.changes.length, 0);
  });

  it('mysql_user host_all and state absent; bad input fails before running anything', async () => {
    const rotateAll = await run(mysqlUserModule, { name: 'wso2', host_all: true, password: 'same-for-all' });
    assert.deepEqual(rotateAll.result.host, [`${db.subnet}.2`, `${db.subnet}.3`]);
    assert.equal(rotateAll.result.executed_statements instanceof Array && rotateAll.result.executed_statements.length, 2);
    assert.deepEqual(await login(3, 'wso2', 'same-for-all'), { ok: true });
    const typo = await run(mysqlUserModule, { name: 'wso2', host: `${db.subnet}.2`, priv: 'wso2_reg.*:SELCT' });
    assert.match(typo.plan.failed ?? '', /unknown privilege 'SELCT'/);
    const gone = await run(mysqlUserModule, { name: 'wso2', host_all: true, state: 'absent' });
    assert.equal(gone.applied, 1);
    assert.equal((await login(2, 'wso2', 'same-for-all')).ok, false);
    assert.equal((await run(mysqlUserModule, { name: 'wso2', host_all: true, state: 'absent' })).plan.changes.length, 0);
    const noAccount = await run(mysqlUserModule, { name: 'wso2', host_all: true, password: 'x' });
    assert.match(noAccount.plan.failed ?? '', /no account/);
  });

  it('a login failure is a clear message without the password', async () => {
    const r = await runModule(mysqlDbModule, { name: 'x', login_host: db.address, login_user: 'nobody', login_password: new Secret('Sekr1t-Login') }, { conn });
    assert.match(r.plan.failed ?? '', /^cannot connect to MySQL as nobody@127\.10\.\d+\.1:3306: ERROR 1130|^cannot connect to MySQL as nobody@127\.10\.\d+\.1:3306: ERROR 1045|^cannot connect to MySQL as nobody@127\.10\.\d+\.1:3306: ERROR 2002/);
    assert.equal(r.plan.failed!.includes('Sekr1t-Login'), false);
  });
});
