// Cases pinning the deliberate differences of docs/ansible-differences.md: vault at load time, strict password sources, masking by name, no facts, module defaults, line endings.

import { play, type CompatCase } from '../case-types.js';

/** `unused`, encrypted by ansible-vault 2.14 with the password `pw-one` (vault id default). */
const SECRET = `unused: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  35396266663063653136376638376330353262303230626561323331626237343936343561346265
  6163393231353164303334336232663262356438656263650a373037366536646661643635613066
  30363532656537336437393566333766353039336533393866316665663838373430396165313065
  3139306639666266360a393264356331623865646533666632656634323763343531633434343234
  3132
`;

const marker = '- lineinfile: { path: "{{ root_dir }}/ran", line: ran, create: true }';

export const DELIBERATE_CASES: CompatCase[] = [
  {
    name: 'vault-value-the-run-never-uses-without-a-password',
    // Ansible decrypts an inline value when it is used: this run never uses it and passes; esbplay refuses it at load (exit 5)
    tolerate: (['exit', 'recap', 'files'] as const).map((aspect) => ({ aspect, doc: 'vault-data-is-decrypted-when-it-is-loaded' })),
    files: { 'site.yml': play(marker, '  vars_files: [secret.yml]\n'), 'secret.yml': SECRET },
  },
  {
    name: 'vault-missing-password-file-beside-the-right-one',
    // Ansible warns about the missing file and decrypts with the other password; esbplay stops with exit 5
    args: ['--vault-password-file', '<CASE>/pw', '--vault-password-file', '<CASE>/missing'],
    tolerate: (['exit', 'recap', 'files'] as const).map((aspect) => ({ aspect, doc: 'vault-password-sources-are-strict' })),
    files: { 'site.yml': play('- lineinfile: { path: "{{ root_dir }}/s", line: "{{ unused }}", create: true }', '  vars_files: [secret.yml]\n'), 'secret.yml': SECRET, pw: 'pw-one\n' },
  },
  {
    name: 'vault-value-used-with-its-password',
    args: ['--vault-password-file', '<CASE>/pw'],
    files: { 'site.yml': play('- lineinfile: { path: "{{ root_dir }}/s", line: "{{ unused }}", create: true }', '  vars_files: [secret.yml]\n'), 'secret.yml': SECRET, pw: 'pw-one\n' },
  },
  {
    name: 'secret-named-variable-is-masked-in-output',
    // Ansible prints the value (no no_log); esbplay masks a value whose variable name says password
    tolerate: [{ aspect: 'debug', doc: 'passwords-and-other-secrets-are-always-masked' }],
    files: { 'site.yml': play('- debug: { var: db_password }\n- debug: { msg: "user {{ db_user }}" }', '  vars: { db_password: s3cr3t-value, db_user: wso2 }\n') },
  },
  {
    name: 'gather-facts-true-defines-no-facts',
    // Ansible runs setup (one more ok) and writes True; esbplay gathers nothing and writes False
    tolerate: (['recap', 'files'] as const).map((aspect) => ({ aspect, doc: 'no-facts-are-gathered' })),
    files: { 'site.yml': '- hosts: all\n  gather_facts: true\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/h", line: "{{ ansible_hostname is defined }}", create: true }\n' },
  },
  {
    name: 'stat-without-get-mime-has-no-mimetype',
    tolerate: [{ aspect: 'debug', doc: 'stat-runs-neither-file-nor-lsattr-unless-asked' }],
    seed: { f: 'text\n' },
    files: { 'site.yml': play('- stat: { path: "{{ root_dir }}/f" }\n  register: s\n- debug: { msg: "{{ s.stat.mimetype is defined }} {{ s.stat.attributes is defined }} {{ s.stat.isreg }}" }') },
  },
  {
    name: 'ini-file-keeps-crlf-and-bom',
    // community.general.ini_file rewrites the file with \n and drops the byte-order mark
    tolerate: [{ aspect: 'files', doc: 'text-edits-keep-the-files-line-endings-and-byte-order-mark' }],
    seed: { 'a.ini': '\uFEFF[s]\r\nk = 1\r\n' },
    files: { 'site.yml': play('- ini_file: { path: "{{ root_dir }}/a.ini", section: s, option: k, value: "2" }\n- ini_file: { path: "{{ root_dir }}/a.ini", section: s, option: n, value: "3" }') },
  },
];
