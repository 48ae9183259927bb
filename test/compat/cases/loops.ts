// Loops: loop, the with_* family, loop_control (label, index_var, loop_var, extended), register with loops.

import { play, type CompatCase } from '../case-types.js';

/** lineinfile appending one line per item to <root>/out. */
const line = (text: string) => `lineinfile: { path: "{{ root_dir }}/out", line: "${text}", create: true }`;

export const LOOP_CASES: CompatCase[] = [
  { name: 'loop-list', files: { 'site.yml': play(`- ${line('{{ item }}')}\n  loop: [a, b, c]`) } },
  { name: 'loop-dicts-with-label', files: { 'site.yml': play(`- ${line('{{ item.k }}={{ item.v }}')}\n  loop: [{ k: a, v: 1 }, { k: b, v: 2 }]\n  loop_control: { label: "{{ item.k }}" }`) } },
  { name: 'loop-templated-list-var', files: { 'site.yml': play(`- ${line('{{ item }}')}\n  loop: "{{ ports }}"`, '  vars: { ports: [80, 443] }\n') } },
  { name: 'with-items-flattens-nested', files: { 'site.yml': play(`- ${line('{{ item }}')}\n  with_items: [[a, b], c, [d]]`) } },
  { name: 'with-items-flattens-a-templated-list', files: { 'site.yml': play(`- ${line('{{ item }}')}\n  with_items: "{{ groups_of }}"`, '  vars: { groups_of: [[x, y], z] }\n') } },
  { name: 'with-items-of-templated-lists', files: { 'site.yml': play(`- ${line('{{ item }}')}\n  with_items:\n    - "{{ a }}"\n    - "{{ b }}"`, '  vars: { a: [1, 2], b: [3] }\n') } },
  { name: 'with-list-does-not-flatten', files: { 'site.yml': play(`- ${line('{{ item | length }}')}\n  with_list: [[a, b], [c]]`) } },
  { name: 'with-dict', files: { 'site.yml': play(`- ${line('{{ item.key }}={{ item.value }}')}\n  with_dict: { b: 2, a: 1 }`) } },
  { name: 'loop-dict2items', files: { 'site.yml': play(`- ${line('{{ item.key }}={{ item.value }}')}\n  loop: "{{ d | dict2items }}"`, '  vars: { d: { x: 1, y: 2 } }\n') } },
  { name: 'with-indexed-items', files: { 'site.yml': play(`- ${line('{{ item.0 }}:{{ item.1 }}')}\n  with_indexed_items: [a, b, c]`) } },
  { name: 'with-together', files: { 'site.yml': play(`- ${line('{{ item.0 }}-{{ item.1 }}')}\n  with_together: [[a, b, c], [1, 2]]`) } },
  { name: 'with-sequence', files: { 'site.yml': play(`- ${line('n{{ item }}')}\n  with_sequence: start=1 end=9 stride=3\n- lineinfile: { path: "{{ root_dir }}/fmt", line: "{{ item }}", create: true }\n  with_sequence: count=3 format=node%02d`) } },
  {
    name: 'with-fileglob',
    files: { 'site.yml': play(`- copy: { src: "{{ item }}", dest: "{{ root_dir }}/" }\n  with_fileglob: ["conf/*.conf"]`), 'files/conf/a.conf': 'a\n', 'files/conf/b.conf': 'b\n', 'files/conf/c.txt': 'c\n' },
  },
  {
    name: 'with-subelements',
    files: { 'site.yml': play(`- ${line('{{ item.0.name }}:{{ item.1 }}')}\n  with_subelements:\n    - "{{ users }}"\n    - keys`, '  vars:\n    users:\n      - { name: ann, keys: [k1, k2] }\n      - { name: bob, keys: [k3] }\n') },
  },
  { name: 'with-nested', files: { 'site.yml': play(`- ${line('{{ item.0 }}{{ item.1 }}')}\n  with_nested: [[a, b], [1, 2]]`) } },
  { name: 'loop-control-loop-var-and-index-var', files: { 'site.yml': play(`- ${line('{{ idx }}:{{ port }}')}\n  loop: [80, 443]\n  loop_control: { loop_var: port, index_var: idx }`) } },
  {
    name: 'loop-control-extended',
    files: { 'site.yml': play(`- ${line('{{ ansible_loop.index }}/{{ ansible_loop.length }} first={{ ansible_loop.first }} last={{ ansible_loop.last }} rev={{ ansible_loop.revindex }} prev={{ ansible_loop.previtem | default(\'-\') }} next={{ ansible_loop.nextitem | default(\'-\') }}')}\n  loop: [a, b, c]\n  loop_control: { extended: true }`) },
  },
  { name: 'loop-when-per-item', files: { 'site.yml': play(`- ${line('{{ item }}')}\n  loop: [1, 2, 3, 4]\n  when: item is even`) } },
  {
    name: 'loop-register-results',
    files: { 'site.yml': play(`
- command: "echo {{ item }}"
  loop: [x, y]
  register: r
  changed_when: false
- lineinfile: { path: "{{ root_dir }}/r", line: "{{ r.results | map(attribute='stdout') | join(',') }} {{ r.results | length }} {{ r.changed }}", create: true }
`) },
  },
  { name: 'loop-empty-list-skips', files: { 'site.yml': play(`- ${line('{{ item }}')}\n  loop: []`) } },
  {
    name: 'loop-nested-include-loop-var',
    files: {
      'site.yml': play(`- include_tasks: inner.yml\n  loop: [a, b]\n  loop_control: { loop_var: outer }`),
      'inner.yml': `- ${line('{{ outer }}{{ item }}')}\n  loop: [1, 2]\n`,
    },
  },
];
