// fast-check fuzzing of the loaders (playbook YAML, inventory YAML and INI) and of the xml module: any input gives a result or a proper error, never a crash.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { UserError } from '../../src/errors.js';
import { parseYaml } from '../../src/loader/yaml.js';
import { loadPlaybook } from '../../src/loader/playbook.js';
import { loadInventory } from '../../src/inventory/index.js';
import { buildRegistry } from '../../src/modules/registry.js';
import { editXmlBytes, readMatches, XmlEditError, type XmlEdit } from '../../src/xml/index.js';

const RUNS = Number(process.env.ESBPLAY_FUZZ_RUNS ?? 1000);
const runs: Record<string, number> = {};

/** Calls f; a UserError (or the given error class) is a proper answer, anything else fails the property with the input shown. */
function properly(f: () => unknown, ok: (e: unknown) => boolean = (e) => e instanceof UserError): boolean {
  try {
    f();
  } catch (e) {
    if (ok(e)) {
      // a proper error still says something and prints no stack
      const msg = (e as Error).message;
      return typeof msg === 'string' && msg.length > 0 && !/\n\s+at /.test(msg);
    }
    throw e;
  }
  return true;
}

/** Text that looks like YAML: keys, dashes, flow brackets, anchors, aliases, tags, quotes, odd bytes. */
const yamlish = fc.array(fc.oneof(
  fc.constantFrom('- ', ': ', '\n', '  ', '[', ']', '{', '}', ',', '&a ', '*a', '<<: ', '!vault |', '!!python/object ', '"', "'", '#', '|', '>', '---', '...', '%YAML 1.1', '\t', '\u0000', '{{ x }}', 'hosts', 'tasks', 'import_playbook', 'include_tasks', 'block', 'when', 'loop', 'yes', 'no', '0644', '~'),
  fc.string({ maxLength: 8 }),
), { maxLength: 60 }).map((parts) => parts.join(''));

const KEYWORDS = ['hosts', 'tasks', 'pre_tasks', 'post_tasks', 'handlers', 'roles', 'vars', 'vars_files', 'serial', 'name', 'become', 'when', 'loop', 'notify', 'tags', 'block', 'rescue', 'always', 'register', 'debug', 'lineinfile', 'xml', 'template', 'command', 'shell', 'copy', 'include_tasks', 'import_tasks', 'meta', 'set_fact', 'no_log', 'ignore_errors', 'delegate_to', 'run_once', 'until', 'retries', 'listen', 'environment', 'check_mode', 'any_errors_fatal', 'max_fail_percentage'];
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('{{ inventory_hostname }}', '{{ undefined_x }}', 'all', 'x=1 y=2', '{% if %}'));
const node = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...KEYWORDS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
})).value;
/** Playbook-shaped documents: lists of plays made of real keywords with random values. */
const playbookDoc = fc.array(fc.dictionary(fc.constantFrom(...KEYWORDS), node, { maxKeys: 6 }), { maxLength: 3 });

describe('fuzzing the loaders and the xml module', function () {
  this.timeout(10 * 60_000);
  let dir: string;
  const moduleNames = new Set(buildRegistry().keys());
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-fuzz-'))));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`      (fuzz runs: ${Object.entries(runs).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  });

  const count = (name: string) => (runs[name] = (runs[name] ?? 0) + 1);

  it('parseYaml: any text', () => {
    fc.assert(fc.property(fc.oneof(yamlish, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
      count('parseYaml');
      return properly(() => parseYaml(text, 'fuzz.yml'));
    }), { numRuns: RUNS * 3 });
  });

  it('loadPlaybook: YAML-like text and playbook-shaped documents', () => {
    const file = () => path.join(dir, 'site.yml');
    fc.assert(fc.property(fc.oneof(yamlish, playbookDoc.map((d) => stringify(d))), (text) => {
      count('loadPlaybook');
      writeFileSync(file(), text);
      return properly(() => loadPlaybook(file(), { moduleNames, cwd: dir }));
    }), { numRuns: RUNS * 2 });
  });

  it('loadInventory: YAML and INI text', () => {
    const ini = fc.array(fc.oneof(fc.constantFrom('[web]', '[web:children]', '[web:vars]', 'h1', 'h[1:3]', 'h[a:c]', 'x ansible_port=22', 'y=1', 'a b=c d=', '#c', ';c', '[', ']', '=', '\n'), fc.string({ maxLength: 10 })), { maxLength: 20 }).map((l) => l.join('\n'));
    const yamlInv = fc.dictionary(fc.constantFrom('all', 'web', 'hosts', 'vars', 'children'), node, { maxKeys: 4 }).map((d) => stringify(d));
    fc.assert(fc.property(fc.oneof(ini.map((t) => ['hosts.ini', t] as const), fc.oneof(yamlInv, yamlish).map((t) => ['hosts.yml', t] as const)), ([name, text]) => {
      count('loadInventory');
      const invDir = mkdtempSync(path.join(dir, 'inv-'));
      writeFileSync(path.join(invDir, name), text);
      try {
        return properly(() => loadInventory(path.join(invDir, name), { cwd: dir }));
      } finally {
        rmSync(invDir, { recursive: true, force: true });
      }
    }), { numRuns: RUNS * 2 });
  });

  it('xml: any document, any XPath and value', () => {
    const xmlText = fc.oneof(
      fc.constantFrom('<a/>', '<a><b>1</b><b x="2"/></a>', '<?xml version="1.0" encoding="ISO-8859-1"?>\n<Server xmlns="urn:x"><Ports><Offset>0</Offset></Ports></Server>\n', '<a><!-- c --><![CDATA[x]]><b/></a>', ''),
      fc.array(fc.oneof(fc.constantFrom('<', '>', '/', 'a', 'b', '="', '"', '<?xml ?>', '<!--', '-->', '&amp;', '&#0;', ' ', '\n', 'xmlns:p="u"', '<![CDATA['), fc.string({ maxLength: 5 })), { maxLength: 30 }).map((p) => p.join('')),
    );
    const xpath = fc.oneof(fc.constantFrom('/a', '/a/b', '//b[@x="2"]', '/Server/Ports/Offset', '/a/c/d', '/a/b[2]', 'count(/a)', '/p:a', '/a/@x'), fc.string({ maxLength: 12 }));
    const edit: fc.Arbitrary<XmlEdit> = fc.record({
      xpath,
      value: fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\u0007', '&', '<b/>', '\ud800')), { nil: undefined }),
      attribute: fc.option(fc.constantFrom('x', 'y', 'xmlns', ''), { nil: undefined }),
      state: fc.constantFrom('present', 'absent'),
      multiple: fc.boolean(),
    }) as fc.Arbitrary<XmlEdit>;
    const isXmlError = (e: unknown) => e instanceof XmlEditError || e instanceof UserError;
    fc.assert(fc.property(xmlText, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
      count('xml');
      const bytes = Buffer.from(text);
      const edited = properly(() => editXmlBytes(bytes, 'fuzz.xml', edits), isXmlError);
      const read = properly(() => readMatches(bytes, 'fuzz.xml', edits[0]!.xpath), isXmlError);
      return edited && read;
    }), { numRuns: RUNS * 3 });
  });

  it('every property ran', () => {
    for (const k of ['parseYaml', 'loadPlaybook', 'loadInventory', 'xml']) assert.ok((runs[k] ?? 0) >= RUNS, `${k}: ${runs[k]}`);
  });
});
