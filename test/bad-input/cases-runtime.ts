// Faults found on the host at run time: symlink loops, permission denied, missing programs and directories, huge outputs. The host fails, nothing changes.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, rmSync, symlinkSync } from 'node:fs';
import { play } from '../engine/helpers.js';
import type { BadInputCase } from './corpus-runner.js';

export const RUNTIME_CASES: BadInputCase[] = [
  {
    name: 'a target that is a symlink loop', exit: 2,
    files: { 'site.yml': play('- lineinfile: { path: "{{ root_dir }}/loop1", line: "x=1" }\n') },
    setup: (p) => p.hosts.forEach((h) => {
      symlinkSync('loop2', p.file(h, 'loop1'));
      symlinkSync('loop1', p.file(h, 'loop2'));
    }),
    msg: /too many levels of symbolic links/,
  },
  {
    name: 'permission denied (become_user nobody writing a root-owned directory)', exit: 2,
    files: { 'site.yml': play('- copy: { content: "x\\n", dest: "{{ root_dir }}/denied.conf" }\n  become: true\n  become_user: nobody\n') },
    // nobody may look into the host's directory but not write there
    setup: (p) => [p.dir, `${p.dir}/hosts`, ...p.hosts.map((h) => p.file(h, ''))].forEach((d) => chmodSync(d, 0o755)),
    msg: /Permission denied/,
  },
  { name: 'a program that does not exist', exit: 2, files: { 'site.yml': play('- command: { argv: [no-such-program-esbplay, --x] }\n') }, msg: /no-such-program-esbplay|No such file or directory|ENOENT/ },
  { name: 'copy into a directory that does not exist', exit: 2, files: { 'site.yml': play('- copy: { content: "x\\n", dest: "{{ root_dir }}/missing/dir/x.conf" }\n') }, msg: /Destination directory .*missing\/dir does not exist/ },
  {
    name: 'copy onto a symlink that points to a directory', exit: 2,
    files: { 'site.yml': play('- copy: { content: "x\\n", dest: "{{ root_dir }}/to-dir/", force: true }\n') },
    setup: (p) => p.hosts.forEach((h) => symlinkSync('/nonexistent-esbplay-dir', p.file(h, 'to-dir'))),
    msg: /to-dir/,
  },
  {
    name: 'a command printing 50 MB: the run completes and says where the whole output is', exit: 0,
    files: { 'site.yml': play('- command: { argv: [sh, -c, "yes 0123456789abcdef | head -c 50000000"] }\n  register: out\n  changed_when: false\n- debug: { msg: "spilled to {{ out.stdout_file }} ({{ out.stdout | length }} characters kept)" }\n') },
    msg: /spilled to \S*esbplay-output\/h1-\S+\.stdout \(\d{7} characters kept\)/,
    maxOutput: 20_000,
    check: (_p, r) => {
      for (const m of r.out.matchAll(/spilled to (\S+) /g)) rmSync(m[1]!, { force: true });
      assert.ok(!r.out.includes('0123456789abcdef0123456789abcdef'), 'the output itself is not echoed');
    },
  },
  {
    name: 'a 5 MB argument is refused by the system, said in a short message', exit: 2,
    files: { 'site.yml': play('- command: { argv: [echo, "{{ big }}"] }\n') },
    args: ['-e', `big=${'z'.repeat(5_000_000)}`],
    msg: /E2BIG/,
    maxOutput: 10_000,
  },
];

/** Makes sure a case did not leave the marker a successful injection would create. */
export function noMarker(marker: string): BadInputCase['check'] {
  return (p) => assert.ok(!existsSync(`${p.dir}/${marker}`), `${marker} was created: the input ran as a command`);
}
