// Benchmark: template renders per second (the roles' templates, the Jinja corpus, task strings), warm and with cold compiles (run: npm run bench:templates).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTemplateFile, renderValue } from '../src/vars/render.js';
import { CORPUS, CORPUS_VARS } from '../test/vars/jinja-corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ROLE_VARS = {
  esb_db_name: 'WSO2_ESB_DB', esb_db_user: 'esb', esb_db_password: 'pw', esb_db_client_hosts: '10.0.0.%', esb_hostname: 'esb.wso2.com',
  esb_mgt_hostname: 'mgt.esb.wso2.com', nginx_ssl_dir: '/etc/nginx/ssl', nginx_log_dir: '/var/log/nginx', nginx_manager: 'mgr',
  nginx_manager_https_port: 9443, nginx_worker_http_port: 8280, nginx_worker_https_port: 8243, nginx_sticky: 'ip_hash',
  nginx_workers: ['w1', 'w2'], hostvars: { w1: { node_ip: '10.0.0.1' }, w2: { node_ip: '10.0.0.2' }, mgr: { node_ip: '10.0.0.10' } },
  nginx_listen_address: '', nginx_sticky_directive: 'ip_hash',
};

function roleTemplates(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const role of readdirSync(path.join(ROOT, 'roles'))) {
    const dir = path.join(ROOT, 'roles', role, 'templates');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) out.push({ file: path.join(dir, n), text: readFileSync(path.join(dir, n), 'utf8') });
  }
  return out;
}

function measure(label: string, count: number, fn: (i: number) => void, minMs = 1500): void {
  for (let i = 0; i < 20; i++) fn(i);
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn(runs);
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const perSec = (runs * count) / (elapsed / 1000);
  console.log(`${label.padEnd(60)} ${perSec.toFixed(0).padStart(8)} renders/s  (${((elapsed / runs / count) * 1000).toFixed(1)} µs each)`);
}

const roles = roleTemplates();
const files = CORPUS.filter((c) => c.kind === 'file' && !c.error && !/lookup|query|include|import/.test(c.text));
const strings = CORPUS.filter((c) => c.kind === 'string' && !c.error && !/lookup/.test(c.text));
const vars = { ...CORPUS_VARS };

console.log(`node ${process.version}; ${roles.length} role templates, ${files.length} corpus files, ${strings.length} task strings`);
measure("roles' templates (compiled once, rendered per host)", roles.length, () => {
  for (const r of roles) renderTemplateFile(r.text, ROLE_VARS, { file: r.file });
});
measure('corpus template files (warm)', files.length, () => {
  for (const c of files) renderTemplateFile(c.text, vars, { file: 'bench/t.j2' });
});
measure('task strings (warm)', strings.length, () => {
  for (const c of strings) renderValue(c.text, vars, { file: 'bench.yml', line: 1, col: 1 });
});
measure('corpus template files, cold (new text: lex + parse + render)', files.length, (i) => {
  for (const c of files) renderTemplateFile(`${c.text}{# ${i} #}`, vars, { file: 'bench/t.j2' });
});
measure('task strings, cold (new text every time)', strings.length, (i) => {
  for (const c of strings) renderValue(`${c.text}{# ${i} #}`, vars, { file: 'bench.yml', line: 1, col: 1 });
});
