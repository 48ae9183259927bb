// Mustache sections inside templates: the same bytes as mustache.js for mustache-only templates, and their mix with Jinja.

import assert from 'node:assert/strict';
import Mustache from 'mustache';
import { renderTemplateFile, renderValue } from '../../src/vars/render.js';

const VIEW = {
  name: 'esb',
  port: 8280,
  empty_list: [] as unknown[],
  workers: ['w1', 'w2'],
  members: [
    { host: '10.0.0.1', port: 4000 },
    { host: '10.0.0.2', port: 4001 },
  ],
  db: { host: 'db1', user: 'esb' },
  flag: true,
  off: false,
  blank: '',
};

/** Templates mustache.js and esbplay must render to the same bytes (standalone lines, indentation, nesting). */
const SAME_AS_MUSTACHE_JS: string[] = [
  '{{#workers}}\n  server {{.}};\n{{/workers}}\n',
  'upstream {\n{{#workers}}\n    server {{.}}:{{port}};\n{{/workers}}\n}\n',
  '  {{#workers}}\n  - {{.}}\n  {{/workers}}\nend\n',
  'inline: {{#workers}}[{{.}}]{{/workers}} done\n',
  '{{#members}}<member><hostName>{{host}}</hostName><port>{{port}}</port></member>\n{{/members}}',
  '{{#db}}\nhost={{host}} user={{user}} name={{name}}\n{{/db}}\n',
  '{{#flag}}\nflag is on\n{{/flag}}\n{{#off}}\nnever\n{{/off}}\n',
  '{{^empty_list}}\nno items\n{{/empty_list}}\n{{^workers}}\nnever\n{{/workers}}\n',
  '{{^blank}}blank is empty{{/blank}}\n',
  '{{#workers}}{{#members}}{{host}}-{{/members}};{{/workers}}\n',
  '  {{#workers}}  {{/workers}}  \nafter\n',
  'a\n{{#workers}}\n{{/workers}}\nb',
  '{{#workers}}\n\n{{.}}\n\n{{/workers}}',
  '\t{{#workers}}\t\n{{.}}\n\t{{/workers}}\t\n',
];

describe('jinja: mustache sections', () => {
  for (const text of SAME_AS_MUSTACHE_JS) {
    it(`same bytes as mustache.js: ${JSON.stringify(text)}`, () => {
      const want = Mustache.render(text, VIEW, {}, { escape: (s: string) => s });
      assert.equal(renderTemplateFile(text, VIEW, { file: 't.conf' }), want);
    });
  }

  it('inside a section, expressions see the element as item (the nginx role template)', () => {
    const vars = { nginx_workers: ['w1', 'w2'], hostvars: { w1: { node_ip: '10.0.0.1' }, w2: { node_ip: '10.0.0.2' } }, port: 8280 };
    const text = 'upstream x {\n{{#nginx_workers}}\n    server {{ hostvars[item].node_ip }}:{{port}};\n{{/nginx_workers}}\n}\n';
    assert.equal(renderTemplateFile(text, vars, { file: 't' }), 'upstream x {\n    server 10.0.0.1:8280;\n    server 10.0.0.2:8280;\n}\n');
  });

  it('a mapping element lends its keys as names, and the outer names stay visible', () => {
    const text = '{{#members}}{{host}}:{{port}}/{{name}} {{/members}}';
    assert.equal(renderTemplateFile(text, VIEW, { file: 't' }), '10.0.0.1:4000/esb 10.0.0.2:4001/esb ');
  });

  it('sections and Jinja statements mix in one template', () => {
    const text = '{% for w in workers %}\n{{ w }}:\n{{#members}}\n  - {{ host | upper }} {{ loop.index }}\n{{/members}}\n{% endfor %}\n';
    assert.equal(renderTemplateFile(text, VIEW, { file: 't' }), 'w1:\n  - 10.0.0.1 1\n  - 10.0.0.2 1\nw2:\n  - 10.0.0.1 2\n  - 10.0.0.2 2\n');
  });

  it('the esb-common role default (a task string with sections) renders as before', () => {
    const text = '{{#esb_wka_members}}<member><hostName>{{host}}</hostName><port>{{port}}</port></member>\n{{/esb_wka_members}}';
    const vars = { esb_wka_members: VIEW.members };
    const want = '<member><hostName>10.0.0.1</hostName><port>4000</port></member>\n<member><hostName>10.0.0.2</hostName><port>4001</port></member>\n';
    assert.equal(renderValue(text, vars, { file: 'defaults/main.yml', line: 16, col: 23 }), want);
  });

  it('a section name may be an expression', () => {
    assert.equal(renderTemplateFile("{{#members | map(attribute='host')}}[{{.}}]{{/members | map(attribute='host')}}", VIEW, { file: 't' }), '[10.0.0.1][10.0.0.2]');
  });
});
