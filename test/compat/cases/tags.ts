// Tags: --tags, --skip-tags, always, never, tagged/untagged, tags on blocks and plays.

import type { CompatCase } from '../case-types.js';

const t = (name: string, tags?: string) => `    - name: ${name}\n      lineinfile: { path: "{{ root_dir }}/out", line: "${name}", create: true }\n${tags ? `      tags: ${tags}\n` : ''}`;
const PLAYBOOK = `- hosts: all\n  gather_facts: false\n  tasks:\n${t('conf', '[config]')}${t('pkg', 'packages')}${t('plain')}${t('always', '[always]')}${t('never', '[never, debug]')}    - block:\n    ${t('inblock').trimEnd().replace(/\n/g, '\n    ')}\n      tags: [config]\n- hosts: all\n  gather_facts: false\n  tags: [second]\n  tasks:\n${t('second-play')}`;

const tagCase = (name: string, args: string[]): CompatCase => ({ name, args, files: { 'site.yml': PLAYBOOK } });

export const TAG_CASES: CompatCase[] = [
  tagCase('tags-none-given', []),
  tagCase('tags-only-config', ['--tags', 'config']),
  tagCase('tags-skip-config-and-second', ['--skip-tags', 'config,second']),
  tagCase('tags-never-selected-by-its-other-tag', ['--tags', 'debug']),
  tagCase('tags-tagged-and-untagged', ['--tags', 'untagged,packages']),
  tagCase('tags-skip-always', ['--tags', 'packages', '--skip-tags', 'always']),
];
