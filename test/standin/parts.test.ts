// The stand-in's pure parts: java command-line parsing, Carbon's -D arguments, member ranges, JDBC URLs, hosts files, SQL scripts, XML errors.

import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJavaCommandLine } from '../../standin/jdk/jvm-args.mjs';
import { driverAcceptsScheme } from '../../standin/server/driver-jars.mjs';
import { parseJdbcUrl, resolveHost } from '../../standin/server/jdbc-url.mjs';
import { expandMemberHosts } from '../../standin/server/member-range.mjs';
import { createdTables, splitSqlScript } from '../../standin/server/sql-script.mjs';
import { effectiveProperties, readKnobs } from '../../standin/server/system-properties.mjs';
import { parseXml, XmlSyntaxError } from '../../standin/server/xml-parse.mjs';

describe('stand-in parts', () => {
  it('java command line: -D (last wins when applied), -cp, VM options, main class and its arguments', () => {
    const cl = parseJavaCommandLine(['-Xms256m', '-XX:MaxPermSize=256m', '-DworkerNode=true', '-classpath', 'a.jar:b.jar', '-Dx', '-DworkerNode=false', 'org.Main', '-DworkerNode=true', '-cp', 'z']);
    assert.deepEqual(cl.defines, [['workerNode', 'true'], ['x', ''], ['workerNode', 'false']]);
    assert.equal(cl.classpath, 'a.jar:b.jar');
    assert.equal(cl.mainClass, 'org.Main');
    assert.deepEqual(cl.args, ['-DworkerNode=true', '-cp', 'z']);
    assert.deepEqual(cl.vmOptions, ['-Xms256m', '-XX:MaxPermSize=256m']);
    assert.match(cl.warnings[0]!, /ignoring option MaxPermSize=256m; support was removed in 8\.0/);
    assert.equal(parseJavaCommandLine(['-bogus', 'Main']).error, 'Unrecognized option: -bogus');
    assert.equal(parseJavaCommandLine(['-cp']).error, '-cp requires class path specification');
    assert.equal(parseJavaCommandLine(['-version']).version, true);
  });

  it('Carbon settings: arguments after the class override the JVM properties; -Dsetup alone means true', () => {
    const props = effectiveProperties({
      javaCommand: 'java', javaHome: '/j', vmOptions: [], classpath: [], mainClass: 'M',
      properties: new Map([['workerNode', 'false'], ['standin.startDelayMs', '5']]),
      args: ['-DworkerNode=true', '-Dsetup', 'other'],
    });
    assert.equal(props.get('workerNode'), 'true');
    assert.equal(props.get('setup'), 'true');
    assert.equal(readKnobs(props).startDelayMs, 5);
    assert.equal(readKnobs(new Map([['standin.stopDelayMs', 'x']])).stopDelayMs, 3000);
  });

  it('well-known member host ranges expand on the last octet only', () => {
    assert.deepEqual(expandMemberHosts('192.168.1.2-4'), ['192.168.1.2', '192.168.1.3', '192.168.1.4']);
    assert.deepEqual(expandMemberHosts('mgr.esb.example'), ['mgr.esb.example']);
    assert.deepEqual(expandMemberHosts('10.0.0.9-3'), ['10.0.0.9-3']);
  });

  it('JDBC URLs, driver schemes and the hosts file', async () => {
    const u = parseJdbcUrl('jdbc:mysql://dbhost:3307/regdb?autoReconnect=true&useSSL=false');
    assert.deepEqual(u && u.kind === 'mysql' && [u.scheme, u.host, u.port, u.database, u.params.get('useSSL')], ['mysql', 'dbhost', 3307, 'regdb', 'false']);
    const d = parseJdbcUrl('jdbc:mariadb://a,b:3306/x');
    assert.deepEqual(d && d.kind === 'mysql' && [d.host, d.port], ['a', 3306]);
    assert.deepEqual(parseJdbcUrl('jdbc:h2:repository/database/WSO2CARBON_DB;DB_CLOSE_ON_EXIT=FALSE'), { kind: 'h2', path: 'repository/database/WSO2CARBON_DB' });
    assert.equal(parseJdbcUrl('jdbc:oracle:thin:@x:1521/y')?.kind, 'other');
    assert.equal(driverAcceptsScheme('org.mariadb.jdbc.Driver', '2.7.6', 'mysql', new Map()), true);
    assert.equal(driverAcceptsScheme('org.mariadb.jdbc.Driver', '3.1.0', 'mysql', new Map()), false);
    assert.equal(driverAcceptsScheme('org.mariadb.jdbc.Driver', '3.1.0', 'mysql', new Map([['permitMysqlScheme', '']])), true);
    assert.equal(driverAcceptsScheme('com.mysql.jdbc.Driver', '5.1.49', 'mariadb', new Map()), false);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-hosts-'));
    const hosts = path.join(dir, 'hosts');
    await fs.writeFile(hosts, '127.0.0.1 localhost\n# 10.0.0.5 commented\n192.0.2.10\tdb db.esb.example # trailing\n');
    assert.equal(resolveHost('db.esb.example', hosts), '192.0.2.10');
    assert.equal(resolveHost('commented', hosts), undefined);
    assert.equal(resolveHost('192.0.2.99', hosts), '192.0.2.99');
    await fs.rm(dir, { recursive: true });
  });

  it('dbscripts/mysql.sql splits into statements like Carbon\'s DatabaseCreator (comments dropped, ; at line end)', () => {
    const st = splitSqlScript(readFileSync(new URL('../../standin/wso2-esb/4.9.0/dbscripts/mysql.sql', import.meta.url), 'utf8'));
    assert.equal(st.length, 69);
    assert.equal(createdTables(st)[0], 'REG_CLUSTER_LOCK');
    assert.ok(st.every((s) => !s.includes('--') && !s.endsWith(';')));
    assert.deepEqual(splitSqlScript('-- c\nSELECT 1;\nDELIMITER //\nCREATE x BEGIN y; END//\nREM z\n'), ['SELECT 1', 'CREATE x BEGIN y; END']);
  });

  it('XML errors carry Xerces-style reasons with line and column', () => {
    const err = (s: string) => {
      try {
        parseXml(s);
      } catch (e) {
        return e as XmlSyntaxError;
      }
      throw new Error('no error');
    };
    assert.deepEqual([err('<a>\n  <b>\n</a>').line, err('<a>\n  <b>\n</a>').reason], [3, 'The element type "b" must be terminated by the matching end-tag "</b>".']);
    assert.match(err('<a x="1" x="2"/>').reason, /Attribute "x" was already specified/);
    assert.match(err('<a>&nbsp;</a>').reason, /The entity "nbsp" was referenced, but not declared/);
    assert.match(err('<a/><b/>').reason, /following the root element must be well-formed/);
    assert.equal(parseXml('<?xml version="1.0"?><!-- c --><a x="&lt;1&gt;"><![CDATA[<raw>]]>&#65;</a>').text, '<raw>A');
  });
});
