// The stand-in archives: reproducible bytes, the real layout and files, listable by unzip -Z and tar -tv; the JDK's java.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildStandin } from '../../standin/build/build-standin.mjs';
import { standinArchives, unpackJdk, unpackPack } from './standin-node.js';
import { STOCK_FILES } from '../stock-files.js';

const run = promisify(execFile);
const FIXTURES = STOCK_FILES;
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('stand-in archives', function () {
  this.timeout(120_000);
  let tmp: string;
  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-standin-arch-'));
  });
  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('two builds write the same bytes', async () => {
    const a = await standinArchives();
    const b = buildStandin(path.join(tmp, 'again'));
    for (const [x, y] of [[a.zip['4.9.0'], b.zip['4.9.0']], [a.tarGz['5.0.0'], b.tarGz['5.0.0']], [a.jdk, b.jdk]] as const) {
      assert.equal(sha(x), sha(y), `${path.basename(x)} differs between builds`);
    }
  });

  for (const v of ['4.9.0', '5.0.0'] as const) {
    it(`wso2esb-${v}.zip and .tar.gz list the real layout (unzip -Z, tar -tv)`, async () => {
      const a = await standinArchives();
      const zipList = (await run('unzip', ['-Z', a.zip[v]])).stdout;
      const tarList = (await run('tar', ['-tvzf', a.tarGz[v]])).stdout;
      for (const p of ['bin/wso2server.sh', 'dbscripts/mysql.sql', 'lib/', 'repository/conf/carbon.xml', 'repository/conf/axis2/axis2.xml',
        'repository/conf/user-mgt.xml', 'repository/components/lib/', 'repository/deployment/server/synapse-configs/default/proxy-services/',
        'repository/logs/', 'STANDIN.txt', `bin/org.wso2.carbon.bootstrap-${v === '4.9.0' ? '4.4.1' : '4.4.8'}.jar`]) {
        assert.match(zipList, new RegExp(` wso2esb-${v}/${p.replace(/[.]/g, '\\.')}\\n`), `zip lacks ${p}`);
        assert.match(tarList, new RegExp(` wso2esb-${v}/${p.replace(/[.]/g, '\\.')}\\n`), `tar lacks ${p}`);
      }
      assert.match(zipList, /^-rwxr-xr-x .* wso2esb-[\d.]+\/bin\/wso2server\.sh$/m);
      assert.match(tarList, /^-rwxr-xr-x root\/root .* wso2esb-[\d.]+\/bin\/wso2server\.sh$/m);
      assert.doesNotMatch(zipList, /repository\/components\/lib\/.+\.jar/, 'the JDBC driver must not be in the pack');
    });

    it(`wso2esb-${v} carries the stock files byte for byte and says it is a stand-in`, async () => {
      const home = await unpackPack(v, path.join(tmp, `u-${v}`));
      const { stdout } = await run('find', ['.', '-type', 'f'], { cwd: path.join(FIXTURES, v) });
      const files = stdout.trim().split('\n');
      assert.ok(files.length >= 9, `only ${files.length} stock files`);
      for (const f of files) assert.equal(sha(path.join(home, f)), sha(path.join(FIXTURES, v, f)), `${f} differs from the stock file`);
      assert.equal((await fs.stat(path.join(home, 'bin/wso2server.sh'))).mode & 0o777, 0o755);
      assert.match(await fs.readFile(path.join(home, 'STANDIN.txt'), 'utf8'), /STAND-IN[\s\S]*NOT a WSO2/);
      assert.deepEqual(await fs.readdir(path.join(home, 'repository/components/lib')), []);
    });
  }

  it('standin-jdk-1.8.0.tar.gz: java -version answers like OpenJDK 1.8 on stderr, bad options fail like the JVM', async () => {
    const a = await standinArchives();
    assert.match((await run('tar', ['-tvzf', a.jdk])).stdout, /^-rwxr-xr-x root\/root .* standin-jdk1\.8\.0\/bin\/java$/m);
    const java = path.join(await unpackJdk(path.join(tmp, 'jdk')), 'bin', 'java');
    const v = await run(java, ['-version'], { env: { PATH: '/usr/bin:/bin' } });
    assert.equal(v.stdout, '');
    assert.match(v.stderr, /^openjdk version "1\.8\.0_402"\n/);
    const bad = await run(java, ['-Xms1m', '-frobnicate', 'Main']).catch((e: { code: number; stderr: string }) => e);
    assert.equal((bad as { code: number }).code, 1);
    assert.match((bad as { stderr: string }).stderr, /^Unrecognized option: -frobnicate\nError: Could not create the Java Virtual Machine\./);
    const missing = await run(java, ['-cp', tmp, 'org.example.Main']).catch((e: { code: number; stderr: string }) => e);
    assert.match((missing as { stderr: string }).stderr, /Error: Could not find or load main class org\.example\.Main/);
  });

  it('bin/java finds node without PATH (as over ssh) or through STANDIN_JAVA_NODE', async () => {
    const java = path.join(tmp, 'jdk', 'standin-jdk1.8.0', 'bin', 'java');
    const bare = await run(java, ['-version'], { env: {} });
    assert.match(bare.stderr, /1\.8\.0_402/);
    const viaEnv = await run(java, ['-version'], { env: { PATH: '/nonexistent', STANDIN_JAVA_NODE: process.execPath } });
    assert.match(viaEnv.stderr, /1\.8\.0_402/);
    const wrong = await run(java, ['-version'], { env: { STANDIN_JAVA_NODE: '/nonexistent/node' } }).catch((e: { code: number; stderr: string }) => e);
    assert.match((wrong as { stderr: string }).stderr, /STANDIN_JAVA_NODE=\/nonexistent\/node is not an executable/);
  });
});
