// Statically knowable errors found by the preflight before any host is touched: regexps, XPath, templates, filters, host patterns, --limit.

import { tasks, type BadInputCase } from './corpus-runner.js';

const XML_TASK = (xpath: string) => `    - xml: { path: "{{ root_dir }}/keep.conf", xpath: "${xpath}", value: "1" }\n`;

export const VALIDATION_CASES: BadInputCase[] = [
  { name: 'lineinfile regexp that does not compile', exit: 5, files: { 'site.yml': tasks('    - lineinfile: { path: "{{ root_dir }}/keep.conf", regexp: "^(k=", line: "k=2" }\n') }, msg: /invalid regular expression in 'regexp': \^\(k=/, at: ['site.yml', 5, 0] },
  { name: 'lineinfile insertafter that does not compile', exit: 5, files: { 'site.yml': tasks('    - lineinfile:\n        path: "{{ root_dir }}/keep.conf"\n        line: k=2\n        insertafter: "[unclosed"\n') }, msg: /invalid regular expression in 'insertafter'/, at: ['site.yml', 8, 9] },
  { name: 'blockinfile insertbefore that does not compile', exit: 5, files: { 'site.yml': tasks('    - blockinfile:\n        path: "{{ root_dir }}/keep.conf"\n        block: x\n        insertbefore: "a{2,1}"\n') }, msg: /invalid regular expression in 'insertbefore'/, at: ['site.yml', 8, 9] },
  { name: 'xml XPath with a syntax error', exit: 5, files: { 'site.yml': tasks(XML_TASK('/Server/[@name')) }, msg: /XPath '\/Server\/\[@name' does not compile/, at: ['site.yml', 5, 0] },
  { name: 'xml edits item with an XPath syntax error', exit: 5, files: { 'site.yml': tasks('    - xml:\n        path: "{{ root_dir }}/keep.conf"\n        edits:\n          - { xpath: /a/b, value: "1" }\n          - { xpath: "//c[", value: "2" }\n') }, msg: /XPath '\/\/c\[' does not compile/, at: ['site.yml', 7, 0] },
  { name: 'xml value with a character XML forbids', exit: 5, files: { 'site.yml': tasks('    - xml: { path: "{{ root_dir }}/keep.conf", xpath: /a, value: "bell\\a" }\n') }, msg: /a character XML 1\.0 does not allow/, at: ['site.yml', 5, 0] },
  { name: 'template with an unclosed {{', exit: 5, files: { 'site.yml': tasks('    - template: { src: t.j2, dest: "{{ root_dir }}/t" }\n'), 'templates/t.j2': 'one\ntwo {{ name \nthree\n' }, msg: /./, at: ['templates/t.j2', 2, 0] },
  { name: 'template with an unknown filter', exit: 5, files: { 'site.yml': tasks('    - template: { src: t.j2, dest: "{{ root_dir }}/t" }\n'), 'templates/t.j2': 'a\nb={{ inventory_hostname | no_such_filter }}\n' }, msg: /no_such_filter/, at: ['templates/t.j2', 2, 0] },
  { name: 'a filter missing its required argument', exit: 5, files: { 'site.yml': tasks('    - debug: { msg: "{{ \'a,b\' | regex_replace }}" }\n') }, msg: /regex_replace/, at: ['site.yml', 5, 0] },
  { name: 'a filter given too many arguments', pending: 'src/vars does not check filter arity for extra arguments yet (Jinja engineer)', exit: 5, files: { 'site.yml': tasks('    - debug: { msg: "{{ \'x\' | upper(1, 2, 3) }}" }\n') }, msg: /upper/, at: ['site.yml', 5, 0] },
  { name: '--limit that matches no host', exit: 5, files: { 'site.yml': tasks('') }, args: ['--limit', 'no-such-host'], msg: /--limit 'no-such-host' matches no host of the inventory/ },
  { name: '--limit @file naming no known host', exit: 5, files: { 'site.yml': tasks(''), 'limit.txt': 'ghost1\nghost2\n' }, args: ['--limit', '@limit.txt'], msg: /matches no host of the inventory/ },
  { name: 'a host pattern with a broken regex', exit: 5, files: { 'site.yml': `- hosts: "~h[1-"\n  tasks:\n${'    - debug: { msg: hi }\n'}` }, msg: /hosts '~h\[1-' is not a valid host pattern: a '\[' is never closed/, at: ['site.yml', 1, 0] },
  { name: 'a host pattern with a malformed range', exit: 5, files: { 'site.yml': `- hosts: "all[1:x]"\n  tasks:\n${'    - debug: { msg: hi }\n'}` }, msg: /hosts 'all\[1:x\]' is not a valid host pattern: the range \[1:x\] needs whole numbers/, at: ['site.yml', 1, 0] },
  { name: 'a host regex that does not compile', exit: 5, files: { 'site.yml': `- hosts: "~h(1"\n  tasks:\n${'    - debug: { msg: hi }\n'}` }, msg: /the regular expression h\(1 does not compile/, at: ['site.yml', 1, 0] },
  { name: '--limit with an unclosed [', exit: 5, files: { 'site.yml': tasks('') }, args: ['--limit', 'h[0'], msg: /--limit 'h\[0' is not a valid host pattern/ },
  { name: 'a malformed when expression', exit: 5, files: { 'site.yml': tasks('    - debug: { msg: hi }\n      when: "x =="\n') }, msg: /syntax error in expression .*expected expression after ==/, at: ['site.yml', 5, 7] },
];
