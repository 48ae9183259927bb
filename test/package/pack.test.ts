// The npm package as a user gets it: npm pack, install the tarball offline into an empty project, then init, --dry-run, --version, require and import.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Out {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command's exit code and output (a non-zero exit is a result here, not an exception). */
async function sh(cmd: string, args: readonly string[], cwd: string): Promise<Out> {
  // no npm_* variables of the test runner's own npm: the consumer's npm must not think it runs inside esbplay
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  try {
    const r = await run(cmd, [...args], { cwd, env: { ...env, NO_COLOR: '1', HOME: process.env.HOME }, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

type Lock = { packages: Record<string, Record<string, unknown>> };

/**
 * An empty project that depends on the tarball, with a lockfile made of esbplay's own entries for
 * its runtime dependencies (resolved URL and integrity), so `npm ci --offline` needs no registry.
 */
function writeConsumer(dir: string, tarball: string): void {
  const own = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const runtime = Object.entries(own.packages).filter(([k, v]) => k.startsWith('node_modules/') && !v.dev && !v.devOptional);
  const integrity = `sha512-${createHash('sha512')
    .update(readFileSync(path.join(dir, tarball)))
    .digest('base64')}`;
  const spec = `file:${tarball}`;
  const lock = {
    name: 'consumer',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'consumer', version: '1.0.0', dependencies: { esbplay: spec } },
      'node_modules/esbplay': {
        version: pkg.version,
        resolved: spec,
        integrity,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
      ...Object.fromEntries(runtime),
    },
  };
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { esbplay: spec } }, null, 2),
  );
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
}

describe('package: npm pack, install into an empty project, use it', function () {
  this.timeout(300_000);
  let tmp: string;
  let consumer: string;
  let files: string[];

  before(async () => {
    assert.ok(
      existsSync(path.join(ROOT, 'dist/cli/main.js')) && existsSync(path.join(ROOT, 'standin/dist/wso2esb-4.9.0.zip')),
      'run npm run build first (npm test does)',
    );
    tmp = mkdtempSync(path.join(os.tmpdir(), 'esbplay-pack-'));
    // dist/ is already built (npm test builds first): no prepack rebuild here
    const pack = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
    assert.equal(pack.code, 0, pack.stderr);
    const info = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
    files = info.files.map((f) => f.path);
    consumer = path.join(tmp, 'consumer');
    mkdirSync(consumer);
    renameSync(path.join(tmp, info.filename), path.join(consumer, info.filename));
    writeConsumer(consumer, info.filename);
    // offline: only the tarballs npm ci already put in the npm cache (the lockfile spares the registry's metadata)
    const install = await sh('npm', ['ci', '--offline', '--no-audit', '--no-fund'], consumer);
    assert.equal(install.code, 0, `${install.stdout}\n${install.stderr}`);
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('the tarball holds what a user needs and nothing it should not: no source maps, no install script', () => {
    for (const f of [
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
      'bin/esbplay.js',
      'cjs/index.cjs',
      'dist/index.js',
      'dist/index.d.ts',
      'playbooks/site.yml',
      'inventories/prod/hosts.yml',
      'roles/esb-common/tasks/main.yml',
      'schema/playbook.schema.json',
      'schema/events.schema.json',
    ]) {
      assert.ok(files.includes(f), `${f} is not in the package`);
    }
    assert.deepEqual(
      files.filter((f) => f.endsWith('.map')),
      [],
    );
    assert.deepEqual(
      files.filter((f) => f.startsWith('src/') || f.startsWith('test/')),
      [],
    );
    const pkg = JSON.parse(readFileSync(path.join(consumer, 'node_modules/esbplay/package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts?.[s], undefined, `${s} script`);
  });

  it('npx esbplay --version, and a bare esbplay prints the help', async () => {
    const v = await sh('npx', ['--no-install', 'esbplay', '--version'], consumer);
    assert.equal(v.code, 0, v.stderr);
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(v.stdout.split('\n')[0], `esbplay ${version}`);
    assert.match(v.stdout, new RegExp(`esbplay package location = ${consumer}/node_modules/esbplay`));
    const bare = await sh('npx', ['--no-install', 'esbplay'], consumer);
    assert.equal(bare.code, 0);
    assert.match(bare.stdout, /^Usage: esbplay <command>/);
  });

  it('esbplay init demo, then --dry-run of the site playbook on the generated prod inventory, from the new project', async () => {
    const init = await sh('npx', ['--no-install', 'esbplay', 'init', 'demo'], consumer);
    assert.equal(init.code, 0, init.stderr);
    const demo = path.join(consumer, 'demo');
    const dry = await sh('npx', ['--no-install', 'esbplay', 'run', 'playbooks/site.yml', '-i', 'prod', '--dry-run'], demo);
    assert.equal(dry.code, 0, `${dry.stdout.slice(-3000)}\n${dry.stderr}`);
    for (const h of ['lb1', 'mgr1', 'wrk1', 'wrk2', 'db1']) assert.match(dry.stdout, new RegExp(`^run: \\[${h}\\] `, 'm'));
    // the packaged roles were used: the role banners name them, the project has no roles of its own
    assert.match(dry.stdout, /^TASK \[esb-common : /m);
    const graph = await sh('npx', ['--no-install', 'esbplay', 'graph', '-o', 'cluster.svg'], demo);
    assert.equal(graph.code, 0, graph.stderr);
    assert.match(readFileSync(path.join(demo, 'cluster.svg'), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('the API by CommonJS require and by ESM import, the same functions; importing changes no global state', async () => {
    const cjs = await sh(
      'node',
      [
        '-e',
        `
      const e = require('esbplay');
      const schema = require.resolve('esbplay/schema/playbook.schema.json');
      console.log(JSON.stringify({ runPlaybook: typeof e.runPlaybook, main: typeof e.main, ExitCode: e.ExitCode, schema: require('node:fs').existsSync(schema) }));`,
      ],
      consumer,
    );
    assert.equal(cjs.code, 0, cjs.stderr);
    assert.equal(cjs.stderr, '', 'no warning printed by require');
    assert.deepEqual(JSON.parse(cjs.stdout), {
      runPlaybook: 'function',
      main: 'function',
      ExitCode: { ok: 0, bug: 1, hostFailed: 2, hostUnreachable: 4, invalidInput: 5 },
      schema: true,
    });
    const esm = await sh(
      'node',
      [
        '--input-type=module',
        '-e',
        `
      const globalsBefore = Object.getOwnPropertyNames(globalThis).sort().join();
      const listeners = () => ['SIGINT', 'SIGTERM', 'exit', 'uncaughtException', 'unhandledRejection', 'warning'].map((s) => process.listenerCount(s)).join();
      const before = listeners();
      const limit = Error.stackTraceLimit;
      const e = await import('esbplay');
      const inv = e.loadInventory('demo/inventories/prod', { cwd: process.cwd() });
      console.log(JSON.stringify({
        runPlaybook: typeof e.runPlaybook, hosts: inv.hosts,
        globals: Object.getOwnPropertyNames(globalThis).sort().join() === globalsBefore,
        listeners: listeners() === before, stackTraceLimit: Error.stackTraceLimit === limit,
      }));`,
      ],
      consumer,
    );
    assert.equal(esm.code, 0, esm.stderr);
    assert.deepEqual(JSON.parse(esm.stdout), {
      runPlaybook: 'function',
      hosts: ['lb1', 'db1', 'mgr1', 'wrk1', 'wrk2'],
      globals: true,
      listeners: true,
      stackTraceLimit: true,
    });
  });
});
