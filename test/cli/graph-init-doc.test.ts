// esbplay graph (Mermaid for the shipped local inventory and the init example, SVG), esbplay init (a project that dry-runs), esbplay doc.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from '../../src/modules/registry.js';
import { buildClusterModel } from '../../src/graph/cluster-model.js';
import { loadCluster } from '../../src/graph/host-views.js';
import { ROOT, cli, tempProject } from './cli-helpers.js';

describe('cli: graph, init, doc', () => {
  let p: ReturnType<typeof tempProject>;
  beforeEach(() => {
    p = tempProject();
  });
  afterEach(() => p.cleanup());

  it('esbplay graph -i local: the shipped demo cluster as Mermaid (addresses, upstream ports with offsets, well-known members)', async () => {
    const r = await cli(['graph', '-i', 'local'], { cwd: ROOT });
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n').map((l) => l.trim());
    assert.equal(lines[0], 'flowchart TB');
    // the values the picture must show, read from the inventory as the roles see them
    const c = loadCluster('local', path.join(ROOT, 'playbooks/site.yml'), ROOT, process.env);
    const v = (h: string, k: string) => String(c.vars(h)[k]);
    const off = (h: string) => Number(c.vars(h).esb_port_offset ?? 0);
    for (const h of ['lb1', 'mgr1', 'wrk1', 'wrk2', 'db1'])
      assert.ok(
        lines.some((l) => l.startsWith(`n_${h}[`) && l.includes(`<br/>${v(h, 'node_ip')}<br/>`)),
        `${h} with its address\n${r.out}`,
      );
    for (const w of ['wrk1', 'wrk2']) {
      assert.ok(lines.includes(`n_lb1 -->|"HTTP ${8280 + off(w)} / HTTPS ${8243 + off(w)}"| n_${w}`), `${w} upstream\n${r.out}`);
      assert.ok(lines.some((l) => l.startsWith(`n_${w}[`) && l.includes(`member :${v(w, 'esb_local_member_port')}`)));
      assert.ok(lines.includes(`n_${w} -.->|"WKA ${v('mgr1', 'esb_local_member_port')}"| n_mgr1`), `${w} joins the manager\n${r.out}`);
    }
    assert.ok(lines.includes(`n_lb1 -->|"HTTPS ${9443 + off('mgr1')}"| n_mgr1`));
    assert.ok(lines.includes(`n_mgr1 -.->|"WKA ${v('wrk1', 'esb_local_member_port')}"| n_wrk1`));
    const jdbc = lines.filter((l) => l.includes('JDBC'));
    assert.equal(jdbc.length, c.vars('mgr1').esb_shared_db_enabled === false ? 0 : 3);
  });

  it('esbplay graph -o FILE.svg writes a well-formed SVG with a box per host and a line per link', async () => {
    const r = await cli(['graph', '-i', 'local', '-o', path.join(p.dir, 'cluster.svg')], { cwd: ROOT });
    assert.equal(r.code, 0, r.err);
    const svg = readFileSync(path.join(p.dir, 'cluster.svg'), 'utf8');
    execFileSync('xmllint', ['--noout', path.join(p.dir, 'cluster.svg')]);
    assert.equal((svg.match(/<g class="node /g) ?? []).length, 6); // clients, lb1, mgr1, wrk1, wrk2, db1
    const model = buildClusterModel(loadCluster('local', path.join(ROOT, 'playbooks/site.yml'), ROOT, process.env));
    assert.equal((svg.match(/<polyline class="link (http|jdbc)"/g) ?? []).length, model.links.filter((l) => l.kind !== 'wka').length);
    assert.ok((svg.match(/<path class="link wka"/g) ?? []).length >= 2);
    assert.match(svg, /<text [^>]*font-weight="bold">wrk2<\/text>/);
    const again = await cli(['graph', '-i', 'local', '--format', 'svg'], { cwd: ROOT });
    assert.equal(again.out, svg, 'the same inventory gives the same picture');
  });

  it('esbplay init: the packaged playbooks and prod example, which dry-runs from the new project with the packaged roles; a second init refuses', async () => {
    const init = await cli(['init', 'demo'], { cwd: p.dir });
    assert.equal(init.code, 0, init.err);
    const demo = path.join(p.dir, 'demo');
    for (const f of [
      'playbooks/site.yml',
      'playbooks/verify.yml',
      'inventories/prod/hosts.yml',
      'inventories/prod/group_vars/all.yml',
      'esbplay.cfg',
      'README.md',
      'files/README.md',
      '.vscode/settings.json',
    ]) {
      assert.ok(existsSync(path.join(demo, f)), `${f} missing`);
    }
    assert.equal(
      readFileSync(path.join(demo, 'inventories/prod/hosts.yml'), 'utf8'),
      readFileSync(path.join(ROOT, 'inventories/prod/hosts.yml'), 'utf8'),
    );
    assert.match(readFileSync(path.join(demo, 'inventories/prod/hosts.yml'), 'utf8'), /192\.0\.2\.\d+/);
    if (!existsSync(path.join(ROOT, 'playbooks/rolling-restart.yml')))
      assert.match(init.out, /Not shipped by this esbplay version yet: playbooks\/rolling-restart\.yml/);
    const dry = await cli(['run', 'playbooks/site.yml', '-i', 'prod', '--dry-run'], { cwd: demo });
    assert.equal(dry.code, 0, dry.err);
    for (const h of ['lb1', 'mgr1', 'wrk1', 'wrk2', 'db1']) assert.match(dry.out, new RegExp(`^run: \\[${h}\\] `, 'm'));
    assert.doesNotMatch(dry.out, /CHANGE-ME-db-password/);
    const viaCfg = await cli(['run', 'playbooks/site.yml', '--dry-run'], { cwd: demo });
    assert.equal(viaCfg.code, 0, 'esbplay.cfg names the inventory');
    const graph = await cli(['graph'], { cwd: demo });
    assert.match(graph.out, /n_wrk2\["wrk2<br\/>192\.0\.2\.13/);
    writeFileSync(path.join(demo, 'README.md'), 'mine\n');
    const again = await cli(['init', 'demo'], { cwd: p.dir });
    assert.equal(again.code, 5);
    assert.match(again.err, /already has (.*, )?playbooks\/site\.yml/);
    assert.equal(readFileSync(path.join(demo, 'README.md'), 'utf8'), 'mine\n');
    assert.equal((await cli(['init', 'demo', '--force'], { cwd: p.dir })).code, 0);
  });

  it('esbplay doc MODULE prints every argument like ansible-doc; -l lists every module; an unknown name is exit 5', async () => {
    const copy = await cli(['doc', 'ansible.builtin.copy'], { cwd: p.dir });
    assert.equal(copy.code, 0);
    assert.match(copy.out, /^> COPY {4}\(esbplay module\)$/m);
    for (const arg of Object.keys(builtinModules.copy.schema.args)) assert.match(copy.out, new RegExp(`^[=-] ${arg}( |$)`, 'm'));
    assert.match(copy.out, /^= dest$/m); // required
    const list = await cli(['doc', '-l'], { cwd: p.dir });
    assert.equal(list.out.trim().split('\n').length, Object.keys(builtinModules).length);
    const kw = await cli(['doc', '-t', 'keyword', 'delegate_to'], { cwd: p.dir });
    assert.match(kw.out, /^delegate_to: run on another inventory host/);
    const bad = await cli(['doc', 'kopy'], { cwd: p.dir });
    assert.equal(bad.code, 5);
    assert.match(bad.err, /no module 'kopy' \(did you mean 'copy'\?\)/);
  });
});
