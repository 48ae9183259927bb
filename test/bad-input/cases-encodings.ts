// Bytes that are not what they claim: non-UTF-8 playbooks, vars, inventories and templates, templates declaring another encoding.

import { tasks, type BadInputCase } from './corpus-runner.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const TEMPLATE_TASK = `    - template: { src: app.xml.j2, dest: "{{ root_dir }}/app.xml" }\n`;

export const ENCODING_CASES: BadInputCase[] = [
  { name: 'a Latin-1 byte in the playbook', exit: 5, files: { 'site.yml': latin1(tasks('    - debug: { msg: "caf\u00e9" }\n')) }, msg: /site\.yml is not valid UTF-8 .*byte 0xe9/, at: ['site.yml', 5, 25] },
  { name: 'a Latin-1 byte in a vars file', exit: 5, files: { 'site.yml': `- hosts: all\n  vars_files: [v.yml]\n  tasks:\n    - debug: { msg: hi }\n`, 'v.yml': latin1('name: Jos\u00e9\n') }, msg: /v\.yml is not valid UTF-8 .*byte 0xe9/, at: ['v.yml', 1, 10] },
  { name: 'a Latin-1 byte in the inventory', exit: 5, files: { 'site.yml': tasks(''), 'inv.ini': latin1('h1 ansible_connection=local owner=M\u00fcller\n') }, inventory: 'inv.ini', msg: /inv\.ini is not valid UTF-8 .*byte 0xfc/, at: ['inv.ini', 1, 36] },
  { name: 'a Latin-1 byte in a role default', exit: 5, files: { 'site.yml': `- hosts: all\n  roles: [r]\n`, 'roles/r/defaults/main.yml': latin1('greeting: "ol\u00e1"\n'), 'roles/r/tasks/main.yml': '- debug: { msg: hi }\n' }, msg: /main\.yml is not valid UTF-8 .*byte 0xe1/, at: ['roles/r/defaults/main.yml', 1, 14] },
  { name: 'a template with invalid UTF-8 and no declaration', exit: 5, files: { 'site.yml': tasks(TEMPLATE_TASK), 'templates/app.xml.j2': latin1('<app>\n  <name>Gr\u00fc\u00dfe</name>\n</app>\n') }, msg: /app\.xml\.j2 is not valid UTF-8 .*byte 0xfc.*declare its real encoding/s, at: ['templates/app.xml.j2', 2, 11] },
  {
    name: 'a template declaring ISO-8859-1 gets a value it cannot hold (€)', exit: 5,
    files: { 'site.yml': tasks(TEMPLATE_TASK), 'templates/app.xml.j2': latin1('<?xml version="1.0" encoding="ISO-8859-1"?>\n<app>\n  <price>{{ price }}</price>\n</app>\n') },
    args: ['-e', '{"price": "10 \u20ac"}'], msg: /'\u20ac' \(U\+20AC\) on line 3, which the template's declared encoding \(ISO-8859-1\) cannot hold/, at: ['templates/app.xml.j2', 3, 0],
  },
  { name: 'a template declaring an encoding esbplay does not read', exit: 5, files: { 'site.yml': tasks(TEMPLATE_TASK), 'templates/app.xml.j2': '<?xml version="1.0" encoding="EBCDIC-US"?>\n<app/>\n' }, msg: /declares encoding 'EBCDIC-US', which esbplay does not read/, at: ['templates/app.xml.j2', 1, 1] },
  { name: 'a template declaring US-ASCII holding a byte above 0x7f', exit: 5, files: { 'site.yml': tasks(TEMPLATE_TASK), 'templates/app.xml.j2': latin1('<?xml version="1.0" encoding="US-ASCII"?>\n<app>\u00e9</app>\n') }, msg: /not valid declared US-ASCII: byte 0xe9/, at: ['templates/app.xml.j2', 2, 6] },
  { name: 'a UTF-16 BOM followed by bytes that are not UTF-16', exit: 5, files: { 'site.yml': Buffer.from([0xff, 0xfe, 0x2d, 0x00, 0x00, 0xd8, 0x41]) }, msg: /UTF-16LE byte-order mark but is not valid UTF-16LE/ },
  { name: 'a truncated UTF-8 sequence at the end of the playbook', exit: 5, files: { 'site.yml': Buffer.concat([Buffer.from(tasks('')), Buffer.from([0xe2, 0x82])]) }, msg: /site\.yml is not valid UTF-8 .*byte 0xe2/, at: ['site.yml', 5, 1] },
];
