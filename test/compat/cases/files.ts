// File modules: copy, file, lineinfile, blockinfile, template basics: names, modes and bytes written.

import { play, type CompatCase } from '../case-types.js';

export const FILE_CASES: CompatCase[] = [
  {
    name: 'copy-content-and-mode',
    files: { 'site.yml': play(`
- copy: { dest: "{{ root_dir }}/a.txt", content: "hello\\n", mode: "0640" }
- copy: { dest: "{{ root_dir }}/b.txt", content: "no newline" }
`) },
  },
  {
    name: 'copy-src-from-files-dir',
    files: { 'site.yml': play(`- copy: { src: app.conf, dest: "{{ root_dir }}/app.conf", mode: "0600" }`), 'files/app.conf': 'port=80\nname=app\n' },
  },
  {
    name: 'file-directory-mode-on-every-created-dir',
    files: { 'site.yml': play(`- file: { path: "{{ root_dir }}/a/b/c", state: directory, mode: "0750" }`) },
  },
  {
    name: 'file-touch-absent-link',
    tolerate: (['exit', 'recap'] as const).map((aspect) => ({ aspect, phases: ['check'] as const, doc: '--check-predicts-from-the-state-earlier-tasks-would-leave' })),
    seed: { 'old.txt': 'x\n' },
    files: { 'site.yml': play(`
- file: { path: "{{ root_dir }}/old.txt", state: absent }
- file: { path: "{{ root_dir }}/t.txt", state: touch, mode: "0644" }
- file: { src: "{{ root_dir }}/t.txt", dest: "{{ root_dir }}/l.txt", state: link }
`) },
  },
  {
    name: 'lineinfile-regexp-and-insert',
    seed: { 'conf': 'a=1\nport=80\nb=2\n' },
    files: { 'site.yml': play(`
- lineinfile: { path: "{{ root_dir }}/conf", regexp: '^port=', line: 'port=8080' }
- lineinfile: { path: "{{ root_dir }}/conf", line: 'c=3', insertafter: '^a=' }
- lineinfile: { path: "{{ root_dir }}/new", line: 'x', create: true }
`) },
  },
  {
    name: 'shell-multiline-script-kept',
    files: { 'site.yml': play(`
- shell: |
    set -e
    n=$(( 1 + 2 ))
    echo "n=$n" > "{{ root_dir }}/out"
    cat >> "{{ root_dir }}/out" <<EOF
    heredoc line
    EOF
  args: { creates: "{{ root_dir }}/out" }
`) },
  },
];
