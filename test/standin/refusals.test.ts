// The stand-in refuses to start like Carbon, with an ERROR line in wso2carbon.log and a non-zero exit; -Dsetup against a real MariaDB.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { mariaDbMissing, startMariaDb, type TestMariaDb } from './mariadb.js';
import { addDataSource, mountSharedRegistry, pointUserStoreAt, truncateFile } from './standin-db-config.js';
import { FAST, isAlive, readLog, readPid, runServerScript, StandinBench, waitForExit, waitForLog } from './standin-node.js';

const DRIVER_JAR = '/usr/share/java/mariadb-java-client.jar';

describe('stand-in refusals and -Dsetup', function () {
  this.timeout(120_000);
  const bench = new StandinBench();
  let javaHome: string;
  let addrs: string[];
  let hostsFile: string;
  let db: TestMariaDb | undefined;
  const opts = () => ({ JAVA_OPTS: `${FAST} -Dstandin.hostsFile=${hostsFile}` });
  const newNode = async () => (await bench.newNode()).home;
  /** `wso2server.sh test` runs the JVM in the foreground (exec), so its exit status is the server's */
  const runForeground = (home: string, ...args: string[]) => runServerScript(home, javaHome, ['test', ...args], opts());
  const withDriver = (home: string) => fs.copyFile(DRIVER_JAR, path.join(home, 'repository/components/lib/mariadb-java-client.jar'));
  const sharedDb = (home: string, over: { host?: string; password?: string; driver?: string; database?: string } = {}) =>
    addDataSource(home, {
      name: 'WSO2_SHARED_DB', jndi: 'jdbc/WSO2SharedDB', user: 'wso2', password: over.password ?? 'wso2-Pass',
      url: `jdbc:mysql://${over.host ?? 'dbhost'}:3306/${over.database ?? 'regdb'}?autoReconnect=true`, driver: over.driver ?? 'org.mariadb.jdbc.Driver',
    }).then(() => mountSharedRegistry(home, 'jdbc/WSO2SharedDB', false));
  const requireDb = (ctx: Mocha.Context): TestMariaDb => {
    if (db) return db;
    const why = mariaDbMissing();
    if (process.env.CI === 'true') throw new Error(`MariaDB tests cannot run and CI=true: ${why}`);
    console.log(`    (skipped: ${why})`);
    return ctx.skip();
  };

  before(async () => {
    await bench.setUp('refuse', 14, 1); // addrs[0] is the database's
    ({ javaHome, addrs } = bench);
    hostsFile = path.join(bench.tmp, 'hosts');
    await fs.writeFile(hostsFile, `127.0.0.1\tlocalhost\n${addrs[0]}\tdbhost\n`);
    if (mariaDbMissing() === null) {
      db = await startMariaDb(addrs[0]!);
      await db.query(
        'CREATE DATABASE regdb', 'CREATE DATABASE userdb', 'CREATE DATABASE halfdb',
        "CREATE USER 'wso2'@'%' IDENTIFIED BY 'wso2-Pass'",
        "GRANT ALL ON regdb.* TO 'wso2'@'%'", "GRANT ALL ON userdb.* TO 'wso2'@'%'", "GRANT ALL ON halfdb.* TO 'wso2'@'%'",
      );
    }
  });
  afterEach(() => bench.reaper.killAll());
  after(async () => {
    await db?.stop();
    await bench.tearDown();
  });

  it('a carbon.xml that is not well-formed: ERROR with the parser\'s line and column, exit 1', async () => {
    const home = await newNode();
    await truncateFile(path.join(home, 'repository/conf/carbon.xml'));
    const r = await runForeground(home);
    assert.equal(r.code, 1);
    const log = await readLog(home);
    assert.match(log, /\] ERROR \{org\.wso2\.carbon\.base\.ServerConfiguration\} - {2}Error while parsing the configuration file \S+\/carbon\.xml: the file is not well-formed XML/);
    assert.match(log, /\norg\.xml\.sax\.SAXParseException; systemId: file:\S+carbon\.xml; lineNumber: \d+; columnNumber: \d+; XML document structures must start and end within the same entity/);
    assert.doesNotMatch(log, /WSO2 Carbon started/);
  });

  it('an axis2.xml with a mismatched tag, started in the background: the JVM dies, the next start starts again', async () => {
    const home = await newNode();
    const axis2 = path.join(home, 'repository/conf/axis2/axis2.xml');
    await fs.writeFile(axis2, (await fs.readFile(axis2, 'latin1')).replace('<parameter name="hotdeployment" locked="false">true</parameter>', '<parameter name="hotdeployment" locked="false">true</parameterx>'), 'latin1');
    await runServerScript(home, javaHome, ['start'], opts());
    await waitForLog(home, /The element type "parameter" must be terminated by the matching end-tag "<\/parameter>"/);
    await waitForExit((await readPid(home))!);
    assert.match(await readLog(home), /ERROR \{org\.wso2\.carbon\.core\.CarbonAxisConfigurator\}/);
    const again = await runServerScript(home, javaHome, ['start'], opts());
    assert.equal(again.stdout, '', 'a dead pid in wso2carbon.pid does not block the next start');
  });

  it('a port in use: BindException in the log, exit 1', async () => {
    const { home, address } = await bench.newNode();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(8280, address, r));
    try {
      const r = await runForeground(home);
      assert.equal(r.code, 1);
      assert.match(await readLog(home), /ERROR \{org\.apache\.synapse\.transport\.passthru\.core\.PassThroughListeningIOReactorManager\} - {2}Error starting the IOReactor: cannot bind [\d.]+:8280[^\n]*\njava\.net\.BindException: Address already in use/);
    } finally {
      blocker.close();
    }
  });

  it('the JDBC driver class is in no jar of repository/components/lib: ClassNotFoundException, exit 1', async function () {
    requireDb(this);
    const home = await newNode();
    await sharedDb(home, { driver: 'com.mysql.jdbc.Driver' });
    await withDriver(home); // Debian's jar has org.mariadb.jdbc.Driver, not Connector/J's class
    const r = await runForeground(home);
    assert.equal(r.code, 1);
    const log = await readLog(home);
    assert.match(log, /ERROR \{org\.wso2\.carbon\.ndatasource\.core\.DataSourceRepository\} - {2}Error in initializing system data sources at WSO2_SHARED_DB/);
    assert.match(log, /Error in loading JDBC driver class: com\.mysql\.jdbc\.Driver\nCaused by: java\.lang\.ClassNotFoundException: com\.mysql\.jdbc\.Driver/);
  });

  it('the database host does not resolve through the node\'s hosts file: UnknownHostException, exit 1', async function () {
    requireDb(this);
    const home = await newNode();
    await sharedDb(home, { host: 'nosuchdbhost' });
    await withDriver(home);
    assert.equal((await runForeground(home)).code, 1);
    assert.match(await readLog(home), /Caused by: java\.net\.UnknownHostException: nosuchdbhost: Name or service not known/);
  });

  it('the database refuses the user/password: Access denied in the log (never the password), exit 1', async function () {
    requireDb(this);
    const home = await newNode();
    await sharedDb(home, { password: 'Wrong-Secret-42' });
    await withDriver(home);
    assert.equal((await runForeground(home)).code, 1);
    const log = await readLog(home);
    assert.match(log, /java\.sql\.SQLException: Access denied for user 'wso2'@'[^']+' \(using password: YES\)/);
    assert.doesNotMatch(log, /Wrong-Secret-42/);
  });

  it('without -Dsetup an empty schema stops the start; with -Dsetup the tables are created from dbscripts/mysql.sql', async function () {
    const mdb = requireDb(this);
    const home = await newNode();
    await sharedDb(home);
    await addDataSource(home, { name: 'WSO2_UM_DB', jndi: 'jdbc/WSO2UMDB', user: 'wso2', password: 'wso2-Pass', url: 'jdbc:mysql://dbhost:3306/userdb', driver: 'org.mariadb.jdbc.Driver' });
    await pointUserStoreAt(home, 'jdbc/WSO2UMDB');
    await withDriver(home);
    assert.equal((await runForeground(home)).code, 1);
    assert.match(await readLog(home), /ERROR \{org\.wso2\.carbon\.registry\.core\.internal\.RegistryCoreServiceComponent\} - {2}Failed to activate Registry Core bundle[^\n]*\njava\.sql\.SQLSyntaxErrorException: Table 'regdb\.REG_CLUSTER_LOCK' doesn't exist/);
    const count = async (schema: string) => Number((await mdb.query(`SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${schema}'`)).rows[0]![0]);
    assert.equal(await count('regdb'), 0);
    const offset = (await fs.stat(path.join(home, 'repository/logs/wso2carbon.log'))).size;
    await runServerScript(home, javaHome, ['start', '-Dsetup'], opts());
    await waitForLog(home, /WSO2 Carbon started in/, 20_000, offset);
    assert.equal(await count('regdb'), 39);
    assert.equal(await count('userdb'), 39, 'the user store database gets the same script, as Carbon runs it on each');
    const log = (await readLog(home)).slice(offset);
    assert.match(log, /Registry database structure not found in 'regdb': creating it with the script \S+dbscripts\/mysql\.sql/);
    assert.match(log, /Connected to mount at instanceid/);
    const pid = (await readPid(home))!;
    const second = (await fs.stat(path.join(home, 'repository/logs/wso2carbon.log'))).size;
    await runServerScript(home, javaHome, ['restart', '-Dsetup'], opts());
    assert.ok(!isAlive(pid));
    await waitForLog(home, /WSO2 Carbon started in/, 20_000, second);
    assert.match((await readLog(home)).slice(second), /Registry database already exists\. Not creating a new database\.[\s\S]*User Management database already exists\./);
  });

  it('-Dsetup does not repair a half-created schema (the check table exists): the start fails on the missing tables', async function () {
    const mdb = requireDb(this);
    await mdb.query('CREATE TABLE halfdb.REG_CLUSTER_LOCK (REG_LOCK_NAME VARCHAR(20), PRIMARY KEY (REG_LOCK_NAME))');
    const home = await newNode();
    await sharedDb(home, { database: 'halfdb' });
    await withDriver(home);
    assert.equal((await runForeground(home, '-Dsetup')).code, 1);
    const log = await readLog(home);
    assert.match(log, /Registry database already exists\. Not creating a new database\./);
    assert.match(log, /java\.sql\.SQLSyntaxErrorException: Table 'halfdb\.REG_LOG' doesn't exist\n {2}\(\d+ table\(s\) of dbscripts\/mysql\.sql missing: REG_LOG, REG_PATH/);
    assert.equal((await mdb.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'halfdb'")).rows[0]![0], '1');
  });
});
