// command/shell: free-form text kept verbatim, creates/removes/chdir, argv, NAME=value in scripts, pipefail, rc handling, check mode.

import { play, type CompatCase } from '../case-types.js';

export const COMMAND_CASES: CompatCase[] = [
  {
    name: 'shell-name-equals-value-stays-in-script',
    files: { 'site.yml': play('- shell: A=1 B="two words"; echo "$A $B" > {{ root_dir }}/out') },
  },
  {
    name: 'shell-pipefail-multiline',
    files: { 'site.yml': play(`
- shell: |
    set -o pipefail
    false | cat
  args: { executable: /bin/bash }
  register: r
  failed_when: false
- lineinfile: { path: "{{ root_dir }}/rc", line: "{{ r.rc }}", create: true }
`) },
  },
  {
    name: 'shell-line-continuation-and-heredoc',
    files: { 'site.yml': play(`
- shell: >
    printf '%s-%s\\n'
    a b > {{ root_dir }}/folded
- shell: |
    cat > {{ root_dir }}/doc <<'EOF'
    one $HOME
      two
    EOF
`) },
  },
  {
    name: 'command-creates-and-chdir-in-free-form',
    files: { 'site.yml': play('- command: touch made creates={{ root_dir }}/made chdir={{ root_dir }}\n- command: touch second chdir={{ root_dir }}\n  args: { creates: second }') },
  },
  {
    name: 'command-removes',
    seed: { gone: 'x\n' },
    files: { 'site.yml': play('- command: rm {{ root_dir }}/gone removes={{ root_dir }}/gone') },
  },
  {
    name: 'command-argv-and-quotes',
    files: { 'site.yml': play(`
- command:
    argv: [sh, -c, 'echo "$0" > "$1"', "a b", "{{ root_dir }}/argv"]
- command: sh -c 'echo "$1" > {{ root_dir }}/quoted' x "c  d"
`) },
  },
  {
    name: 'command-nonzero-rc-fails',
    files: { 'site.yml': play('- command: sh -c "exit 4"\n- copy: { dest: "{{ root_dir }}/never", content: "x" }') },
  },
  {
    name: 'shell-stdout-registered-and-used',
    files: { 'site.yml': play(`
- shell: printf 'a\\nb\\n\\n'
  register: r
  changed_when: false
- lineinfile: { path: "{{ root_dir }}/lines", line: "{{ r.stdout_lines | join(',') }}|{{ r.stdout }}|", create: true }
`) },
  },
  {
    name: 'shell-check-mode-false-runs-in-check',
    files: { 'site.yml': play('- shell: echo x > {{ root_dir }}/ran\n  check_mode: false\n- command: echo y\n  register: r\n- lineinfile: { path: "{{ root_dir }}/r", line: "{{ r.rc }} [{{ r.stdout }}]", create: true }') },
  },
];
