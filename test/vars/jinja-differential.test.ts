// Differential tests: every corpus template and string, and the shipped roles' templates, rendered by Ansible's templar and by esbplay.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors.js';
import { UndefinedVariableError } from '../../src/vars/expr/errors.js';
import { pyStr } from '../../src/vars/expr/py-string.js';
import { renderTemplateFile, renderValue } from '../../src/vars/render.js';
import { oracleUnavailable, renderWithAnsible, type OracleCase, type OracleResult } from './ansible-oracle.js';
import { CORPUS, CORPUS_FILES, CORPUS_VARS, type CorpusCase } from './jinja-corpus.js';

const ROLES = path.resolve('roles');
const MUSTACHE_SECTION = /\{\{\s*[#^/]/;

/** Variables the shipped roles' templates read. */
const ROLE_VARS = {
  esb_db_name: 'WSO2_ESB_DB',
  esb_db_user: 'esb',
  esb_db_password: 's3cr3t',
  esb_db_client_hosts: '10.0.0.%',
  esb_hostname: 'esb.wso2.com',
  esb_mgt_hostname: 'mgt.esb.wso2.com',
  nginx_ssl_dir: '/etc/nginx/ssl',
  nginx_log_dir: '/var/log/nginx',
  nginx_manager: 'mgr',
  nginx_manager_https_port: 9443,
  nginx_worker_http_port: 8280,
  nginx_worker_https_port: 8243,
  nginx_sticky: 'ip_hash',
  nginx_workers: ['w1', 'w2'],
  inventory_hostname: 'lb',
  nginx_drained: ['w2'],
  hostvars: {
    w1: { node_ip: '10.0.0.1' },
    w2: { node_ip: '10.0.0.2', esb_port_offset: 1 },
    mgr: { node_ip: '10.0.0.10' },
    lb: { nginx_upstream: { workers: ['w1', 'w2'], http_port: '8280', https_port: 8243, fail_timeout: 10, sticky: 'hash $remote_addr consistent' } },
  },
};

interface RoleTemplate {
  readonly file: string;
  readonly text: string;
  /** the same template with mustache sections written as Jinja loops, for Ansible */
  readonly jinja: string;
  readonly vars: Record<string, unknown>;
}

/** Mustache sections over lists of names read `item`, so `{% for item in x %}` is the same template for Jinja. */
function sectionsAsLoops(text: string): string {
  return text.replace(/\{\{#\s*(\w+)\s*\}\}/g, '{% for item in $1 %}').replace(/\{\{\/\s*\w+\s*\}\}/g, '{% endfor %}');
}

function roleTemplates(): RoleTemplate[] {
  const out: RoleTemplate[] = [];
  for (const role of readdirSync(ROLES)) {
    const dir = path.join(ROLES, role, 'templates');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const text = readFileSync(path.join(dir, n), 'utf8');
      out.push({ file: path.join(dir, n), text, jinja: sectionsAsLoops(text), vars: varsFor(text, path.join(dir, n)) });
    }
  }
  return out;
}

/** The role variables, plus a placeholder string for each variable a (changed) role template reads that is not listed. */
function varsFor(text: string, file: string): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...ROLE_VARS };
  for (let i = 0; i < 40; i++) {
    try {
      renderTemplateFile(text, vars, { file });
      return vars;
    } catch (e) {
      if (!(e instanceof UndefinedVariableError) || e.root in vars) return vars;
      vars[e.root] = `x-${e.root}`;
    }
  }
  return vars;
}

function renderEsbplay(c: CorpusCase, vars: Record<string, unknown>, dir: string): unknown {
  if (c.kind === 'string') return renderValue(c.text, vars, { file: 'playbook.yml', line: 1, col: 1 });
  return renderTemplateFile(c.text, vars, { file: path.join(dir, 'templates', 'case.j2') });
}

/** esbplay keeps the type of a lone expression; Ansible prints numbers: compare as Python prints the value. */
function assertSame(c: CorpusCase, ours: unknown, theirs: OracleResult): void {
  if (!theirs.ok) assert.fail(`Ansible failed on a case that should render: ${theirs.error}`);
  if (theirs.type === 'json') return assert.deepEqual(JSON.parse(JSON.stringify(ours)), theirs.value);
  if (typeof ours === 'string') return assert.equal(ours, theirs.value);
  assert.ok(c.kind === 'string' && /^\{\{[^{}]*\}\}$/.test(c.text), `only a lone expression may keep its type, got ${typeof ours}`);
  assert.equal(pyStr(ours), theirs.value);
}

describe('jinja: differential corpus against Ansible', function () {
  this.timeout(120000);
  const reason = oracleUnavailable();
  let dir = '';
  let vars: Record<string, unknown> = {};
  let results: OracleResult[] = [];
  let roleResults: OracleResult[] = [];
  const roles = roleTemplates();

  before(function () {
    if (reason) {
      if (process.env.CI === 'true') throw new Error(`differential Jinja tests cannot run: ${reason}`);
      this.skip();
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-jinja-'));
    for (const [name, text] of Object.entries(CORPUS_FILES)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    vars = { ...CORPUS_VARS, ansible_search_path: [dir], playbook_dir: dir };
    process.env.ESBPLAY_CORPUS_ENV = 'from-env';
    const cases: OracleCase[] = CORPUS.map((c) => ({ kind: c.kind, text: c.text, vars, searchpath: [dir] }));
    results = renderWithAnsible(cases);
    roleResults = renderWithAnsible(roles.map((r) => ({ kind: 'file', text: r.jinja, vars: r.vars, searchpath: [path.dirname(path.dirname(r.file))] })));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    delete process.env.ESBPLAY_CORPUS_ENV;
  });

  it(`has at least 80 cases (${CORPUS.length} + ${roles.length} role templates)`, () => assert.ok(CORPUS.length + roles.length >= 80));

  CORPUS.forEach((c, i) => {
    it(`${c.kind}: ${c.name}`, () => {
      const theirs = results[i]!;
      if (c.error) {
        assert.ok(!theirs.ok, `Ansible rendered it: ${JSON.stringify(theirs)}`);
        assert.throws(() => renderEsbplay(c, vars, dir), (e: unknown) => e instanceof UserError);
        return;
      }
      assertSame(c, renderEsbplay(c, vars, dir), theirs);
    });
  });

  roles.forEach((r, i) => {
    const mustache = MUSTACHE_SECTION.test(r.text);
    it(`role template ${path.relative(ROLES, r.file)}${mustache ? ' (mustache sections, compared with the same loops in Jinja)' : ''}`, () => {
      const theirs = roleResults[i]!;
      assert.ok(theirs.ok, `Ansible failed: ${JSON.stringify(theirs)}`);
      assert.equal(renderTemplateFile(r.text, r.vars, { file: r.file }), theirs.value);
    });
  });
});
