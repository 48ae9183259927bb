// ini_file: the case table, then every writing case replayed through Ansible's own ini_file to compare the bytes.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { iniFileModule } from '../../src/modules/ini-file.js';
import { defineCaseSuite, type ModuleCase } from './run-cases.js';
import { hasTool } from './op-harness.js';
import { runTask } from './plan-apply.js';
import { LocalConnection } from '../../src/connection/local.js';

defineCaseSuite(iniFileModule, 'ini_file.yaml');

interface IniCase extends ModuleCase {
  ansible?: boolean;
}

const cases = (parse(readFileSync(new URL('./cases/ini_file.yaml', import.meta.url), 'utf8'), { version: '1.1' }) as IniCase[])
  .filter((c) => c.ansible !== false && !c.failed && !c.argError && !c.check && c.exec === undefined);

describe('ini_file: same bytes as Ansible community.general.ini_file', () => {
  it(`${cases.length} cases, applied by both, leave identical files; a second esbplay run changes nothing`, async function () {
    if (!hasTool('ansible-playbook')) {
      if (process.env.CI === 'true') throw new Error('ansible-playbook is missing and CI=true');
      this.skip();
    }
    this.timeout(180_000);
    const tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-ini-ansible-')));
    try {
      const tasks: unknown[] = [];
      const pathsOf = (side: string, i: number) => {
        const dir = path.join(tmp, side, String(i));
        return { dir, file: path.join(dir, 'target.ini') };
      };
      const sub = (v: unknown, p: { dir: string; file: string }): unknown =>
        typeof v === 'string' ? v.replaceAll('{file}', p.file).replaceAll('{dir}', p.dir) : v;
      for (const [i, c] of cases.entries()) {
        for (const side of ['ansible', 'esbplay']) {
          const p = pathsOf(side, i);
          await fs.mkdir(p.dir, { recursive: true });
          if (typeof c.file === 'string') await fs.writeFile(p.file, c.file, { mode: 0o644 });
        }
        const p = pathsOf('ansible', i);
        tasks.push({ name: c.name, 'community.general.ini_file': Object.fromEntries(Object.entries(c.args).map(([k, v]) => [k, sub(v, p)])) });
      }
      const play = path.join(tmp, 'play.yml');
      await fs.writeFile(play, stringify([{ hosts: 'localhost', gather_facts: false, tasks }], { version: '1.1' }));
      await promisify(execFile)('ansible-playbook', ['-i', 'localhost,', '-c', 'local', play], { env: { ...process.env, ANSIBLE_NOCOLOR: '1' } })
        .catch((e: { stdout?: string }) => assert.fail(`ansible-playbook failed:\n${e.stdout}`));
      const conn = new LocalConnection('local');
      for (const [i, c] of cases.entries()) {
        const mine = pathsOf('esbplay', i);
        const args = Object.fromEntries(Object.entries(c.args).map(([k, v]) => [k, sub(v, mine)]));
        const first = await runTask(iniFileModule, args, conn);
        assert.equal(first.failed, undefined, c.name);
        const theirs = pathsOf('ansible', i);
        const target = String(args.path).replace(mine.dir, '');
        const a = await fs.readFile(theirs.dir + target, 'latin1');
        const b = await fs.readFile(mine.dir + target, 'latin1');
        assert.equal(b, a, `${c.name}: bytes differ from Ansible's`);
        const again = await runTask(iniFileModule, args, conn);
        assert.equal(again.status, 'ok', `${c.name}: second run changes nothing`);
      }
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
