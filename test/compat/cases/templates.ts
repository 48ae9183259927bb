// Templates and rendered strings: Jinja statements, whitespace, filters and tests (the expression language is another engineer's; differences are listed in test/compat/NOTES.md).

import { play, type CompatCase } from '../case-types.js';

const tpl = (body: string, vars = '') => ({
  'site.yml': play('- template: { src: t.j2, dest: "{{ root_dir }}/out" }', vars),
  'templates/t.j2': body,
});

export const TEMPLATE_CASES: CompatCase[] = [
  { name: 'template-if-for-set', files: tpl('{% set n = ports | length %}\n{% if n > 1 %}many{% else %}one{% endif %}\n{% for p in ports %}port {{ p }}\n{% endfor %}end\n', '  vars: { ports: [80, 443] }\n') },
  { name: 'template-whitespace-control-and-comments', files: tpl('{# comment #}\na\n{%- if true %}\nb\n{%- endif %}\nc {{- " d" }}\n', '') },
  { name: 'template-trailing-newlines', files: tpl('x={{ x }}\n\n', '  vars: { x: 1 }\n') },
  { name: 'template-dict-loop-and-filters', files: tpl('{% for k, v in conf | dictsort %}{{ k }}={{ v | upper }}\n{% endfor %}{{ names | join(", ") }}\n{{ missing | default("dflt") }}\n', '  vars: { conf: { b: x, a: y }, names: [n1, n2] }\n') },
  { name: 'template-mode-and-idempotency', files: { 'site.yml': play('- template: { src: t.j2, dest: "{{ root_dir }}/out", mode: "0600" }'), 'templates/t.j2': 'host {{ inventory_hostname }}\n' } },
  { name: 'string-args-lone-expression-with-newline', files: { 'site.yml': play('- copy: { dest: "{{ root_dir }}/a", content: "{{ name }}\\n" }\n- copy:\n    dest: "{{ root_dir }}/b"\n    content: |\n      {{ name }}\n', '  vars: { name: web }\n') } },
  { name: 'filters-common', files: { 'site.yml': play('- copy:\n    dest: "{{ root_dir }}/f"\n    content: |\n      {{ "a,b" | split(",") | join("-") }} {{ [3, 1, 2] | sort | first }} {{ [1, 2, 2] | unique | list | length }} {{ "Web" | lower }} {{ "x" | replace("x", "y") }}\n      {{ {"a": 1} | combine({"b": 2}) | dict2items | map(attribute="key") | join }} {{ "42" | int + 1 }} {{ 3.7 | round }} {{ "%05d" | format(42) }}\n      {{ ["a", "b"] | map("upper") | list }} {{ "a b" | regex_replace("\\\\s", "_") }} {{ "yes" | bool }} {{ [1, 2] | max }}\n') } },
  { name: 'tests-common', files: { 'site.yml': play('- copy:\n    dest: "{{ root_dir }}/t"\n    content: |\n      {{ x is defined }} {{ y is undefined }} {{ 4 is even }} {{ "a" is string }} {{ [1] is iterable }} {{ "abc" is match("a") }} {{ "abc" is search("c") }} {{ 2 is divisibleby(2) }}\n', '  vars: { x: 1 }\n') } },
  { name: 'ternary-and-inline-if', files: { 'site.yml': play('- copy: { dest: "{{ root_dir }}/t", content: "{{ (n > 1) | ternary(\'big\', \'small\') }} {{ \'yes\' if n == 2 else \'no\' }}\\n" }', '  vars: { n: 2 }\n') } },
  { name: 'to-json-and-to-yaml', files: { 'site.yml': play('- copy: { dest: "{{ root_dir }}/j", content: "{{ conf | to_json }}\\n{{ conf | to_nice_json }}\\n" }\n- copy: { dest: "{{ root_dir }}/y", content: "{{ conf | to_yaml }}{{ conf | to_nice_yaml }}" }', '  vars: { conf: { b: [1, 2], a: "x" } }\n') } },
];
