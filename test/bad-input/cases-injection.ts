// Injection attempts in extra vars reaching commands, users and environments: they arrive as data, never run as shell code.

import { play } from '../engine/helpers.js';
import type { BadInputCase } from './corpus-runner.js';
import { noMarker } from './cases-runtime.js';

const echo = (line: string) => play(`- name: echo\n  ${line}\n  register: out\n  changed_when: false\n- debug: { msg: "said [{{ out.stdout }}]" }\n`);

export const INJECTION_CASES: BadInputCase[] = [
  { name: '$(...) in -e reaching a free-form command', exit: 0, files: { 'site.yml': echo('command: echo {{ x }}') }, args: ['-e', '{"x": "$(touch PWN1)"}'], msg: /said \[\$\(touch PWN1\)\]/, check: noMarker('PWN1') },
  { name: 'backticks in -e reaching a command argv', exit: 0, files: { 'site.yml': echo('command: { argv: [echo, "{{ x }}"] }') }, args: ['-e', '{"x": "`touch PWN2`"}'], msg: /said \[`touch PWN2`\]/, check: noMarker('PWN2') },
  { name: '; and && in -e reaching a free-form command', exit: 0, files: { 'site.yml': echo('command: echo {{ x }}') }, args: ['-e', '{"x": "a; touch PWN3 && touch PWN3b"}'], msg: /said \[a; touch PWN3 && touch PWN3b\]/, check: noMarker('PWN3') },
  { name: 'a quoted -e value reaching shell through the quote filter', exit: 0, files: { 'site.yml': echo("shell: echo {{ x | quote }}") }, args: ['-e', `{"x": "'; touch PWN4; echo '"}`], msg: /said \['; touch PWN4; echo '\]/, check: noMarker('PWN4') },
  { name: 'a newline in -e reaching a command argv', exit: 0, files: { 'site.yml': echo('command: { argv: [printf, "%s", "{{ x }}"] }') }, args: ['-e', '{"x": "a\\ntouch PWN5"}'], msg: /said \[a\\ntouch PWN5\]/, check: noMarker('PWN5') },
  { name: 'a shell command as become_user', exit: 2, files: { 'site.yml': play('- command: { argv: [true] }\n  become: true\n  become_user: "{{ u }}"\n') }, args: ['-e', '{"u": "root; touch PWN6"}'], msg: /root; touch PWN6|unknown user|sudo/i, check: noMarker('PWN6') },
  { name: 'a shell command as an environment variable name', exit: 0, files: { 'site.yml': echo('command: { argv: [sh, -c, "echo ok"] }\n  environment: { "{{ k }}": "1" }') }, args: ['-e', '{"k": "A=1; touch PWN7; B"}'], msg: /said \[ok\]/, check: noMarker('PWN7') },
  { name: 'a YAML tag in -e constructs nothing (the tagged list stays a list, echoed as its text as Ansible converts it)', exit: 0, files: { 'site.yml': echo('command: { argv: [echo, "{{ x }}"] }') }, args: ['-e', '{x: !!python/object/apply:os.system ["touch PWN8"]}'], msg: /said \[\['touch PWN8'\]\]/, check: noMarker('PWN8') },
];
