// Handlers: notify by name and by listen topic, order, chains, flush_handlers, failed hosts, force_handlers, role handlers.

import { play, type CompatCase } from '../case-types.js';

const log = (name: string) => `lineinfile: { path: "{{ root_dir }}/h.log", line: "${name}", create: true }`;
const change = (line: string, notify: string) => `- lineinfile: { path: "{{ root_dir }}/conf", line: "${line}", create: true }\n  notify: ${notify}`;
const handlers = (list: string) => `  handlers:\n${list.split('\n').map((l) => `    ${l}`).join('\n')}\n`;

export const HANDLER_CASES: CompatCase[] = [
  {
    name: 'handlers-by-name-in-definition-order-once',
    files: { 'site.yml': play(`${change('a=1', '[second, first]')}\n${change('b=1', 'second')}\n- ${log('tasks-done')}`) + handlers(`- name: first\n  ${log('first')}\n- name: second\n  ${log('second')}`) },
  },
  {
    name: 'handlers-listen-topic-runs-every-listener',
    files: { 'site.yml': play(change('a=1', 'restart stack')) + handlers(`- name: web\n  listen: restart stack\n  ${log('web')}\n- name: db\n  listen: [restart stack, restart db]\n  ${log('db')}\n- name: unrelated\n  ${log('unrelated')}`) },
  },
  {
    name: 'handlers-not-notified-when-unchanged',
    seed: { conf: 'a=1\n' },
    files: { 'site.yml': play(change('a=1', 'first')) + handlers(`- name: first\n  ${log('first')}`) },
  },
  {
    name: 'handlers-chain-later-in-same-flush',
    files: { 'site.yml': play(change('a=1', 'first')) + handlers(`- name: first\n  ${log('first')}\n  notify: second\n- name: second\n  ${log('second')}`) },
  },
  {
    name: 'handlers-chain-earlier-waits-for-next-flush',
    files: { 'site.yml': `- hosts: all\n  gather_facts: false\n  pre_tasks:\n    ${change('a=1', 'first').replace(/\n/g, '\n    ')}\n  tasks:\n    - ${log('between')}\n` + handlers(`- name: second\n  ${log('second')}\n- name: first\n  ${log('first')}\n  notify: second`) },
  },
  {
    name: 'handlers-meta-flush-mid-play',
    files: { 'site.yml': play(`${change('a=1', 'first')}\n- meta: flush_handlers\n- ${log('after-flush')}\n${change('b=1', 'first')}`) + handlers(`- name: first\n  shell: echo first >> "{{ root_dir }}/h.log"`) },
  },
  {
    name: 'handlers-skip-failed-host',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`${change('a=1', 'first')}\n- fail: { msg: boom }\n  when: inventory_hostname == 'h2'`) + handlers(`- name: first\n  ${log('first')}`) },
  },
  {
    name: 'handlers-force-handlers-run-on-failed-host',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`${change('a=1', 'first')}\n- fail: { msg: boom }\n  when: inventory_hostname == 'h2'`, '  force_handlers: true\n') + handlers(`- name: first\n  ${log('first')}`) },
  },
  {
    name: 'handlers-from-role-and-play',
    files: {
      'site.yml': `- hosts: all\n  gather_facts: false\n  roles: [web]\n  tasks:\n    ${change('p=1', 'play handler').replace(/\n/g, '\n    ')}\n` + handlers(`- name: play handler\n  ${log('play')}`),
      'roles/web/tasks/main.yml': `${change('w=1', 'reload web')}\n`,
      'roles/web/handlers/main.yml': `- name: reload web\n  ${log('web')}\n`,
    },
  },
  {
    name: 'handlers-duplicate-name-last-wins',
    files: { 'site.yml': play(change('a=1', 'dup')) + handlers(`- name: dup\n  ${log('first-definition')}\n- name: dup\n  ${log('last-definition')}`) },
  },
  {
    name: 'handlers-loop-notifies-once',
    files: { 'site.yml': play(`- lineinfile: { path: "{{ root_dir }}/conf", line: "{{ item }}", create: true }\n  loop: [a, b, c]\n  notify: first`) + handlers(`- name: first\n  ${log('first')}`) },
  },
];
