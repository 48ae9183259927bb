// Every inventory mistake is a UserError (exit 5) pointing at file:line:col, with the offending line.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ExitCode, UserError, formatLoc } from '../../src/errors.js';
import { loadInventory } from '../../src/inventory/index.js';
import { catchError, withTree } from './fixture.js';

interface Case {
  name: string;
  files: Record<string, string>;
  /** the file named in the error and its line:col */
  at: string;
  message: RegExp;
}

const cases: Case[] = [
  { name: 'INI: malformed section header', files: { 'hosts.ini': 'h\n[web\nx' }, at: 'hosts.ini:2:1', message: /malformed section header '\[web'/ },
  { name: 'INI: unknown section type', files: { 'hosts.ini': '[web]\nh\n  [web:var]\n' }, at: 'hosts.ini:3:8', message: /unknown section type 'var' in \[web:var\].*did you mean 'vars'/ },
  { name: 'INI: bad range points at the host token', files: { 'hosts.ini': '[w]\n  wrk[3:1] a=1\n' }, at: 'hosts.ini:2:3', message: /bad host range '\[3:1\]' in 'wrk\[3:1\]': begin is greater than end/ },
  { name: 'INI: host variable without =', files: { 'hosts.ini': '[w]\nh1 ansible_host=1.2.3.4 oops\n' }, at: 'hosts.ini:2:25', message: /expected key=value host variable, got 'oops'/ },
  { name: 'INI: unclosed quote', files: { 'hosts.ini': '[w]\nh1 x="abc\n' }, at: 'hosts.ini:2:6', message: /no closing quotation/ },
  { name: 'INI: vars line without =', files: { 'hosts.ini': '[w]\nh\n[w:vars]\njust_a_name\n' }, at: 'hosts.ini:4:1', message: /expected key=value in \[w:vars\], got 'just_a_name'/ },
  { name: 'INI: two names on a children line', files: { 'hosts.ini': '[a]\n[b]\n[p:children]\na b\n' }, at: 'hosts.ini:4:3', message: /one group name per line/ },
  { name: 'INI: child group never declared', files: { 'hosts.ini': '[manager]\nm\n[esb:children]\nmanagr\n' }, at: 'hosts.ini:4:1', message: /\[esb:children\] includes undefined group 'managr'.*did you mean 'manager'/ },
  { name: 'INI: vars for a group never declared', files: { 'hosts.ini': '[web]\nh\n[wbe:vars]\nx=1\n' }, at: 'hosts.ini:3:2', message: /\[wbe:vars\] is for a group that is never declared.*did you mean 'web'/ },
  { name: 'INI: bad port', files: { 'hosts.ini': 'h:ssh\n' }, at: 'hosts.ini:1:1', message: /bad port 'ssh'/ },
  { name: 'INI: child group cycle', files: { 'hosts.ini': '[a:children]\nb\n[b:children]\nc\n[c:children]\na\n' }, at: 'hosts.ini:6:1', message: /group 'a' is its own descendant: a -> b -> c -> a/ },
  { name: 'INI: a group cannot contain all', files: { 'hosts.ini': '[web:children]\nall\n' }, at: 'hosts.ini:2:1', message: /group 'all' is its own descendant: all -> web -> all/ },
  { name: 'INI: non-integer ansible_group_priority', files: { 'hosts.ini': '[w]\nh\n[w:vars]\nansible_group_priority=high\n' }, at: 'hosts.ini:4:1', message: /ansible_group_priority of group 'w' must be an integer, got "high"/ },
  { name: 'YAML: syntax error', files: { 'hosts.yml': 'all:\n  hosts:\n    h1: [\n' }, at: 'hosts.yml:', message: /YAML syntax error/ },
  { name: 'YAML: top level is a list', files: { 'hosts.yml': '- h1\n- h2\n' }, at: 'hosts.yml:1:1', message: /must be a mapping of groups/ },
  { name: 'YAML: unknown key in a group', files: { 'hosts.yml': 'all:\n  host:\n    h1:\n' }, at: 'hosts.yml:2:3', message: /unexpected key 'host' in group 'all'.*did you mean 'hosts'/ },
  { name: 'YAML: hosts written as a list', files: { 'hosts.yml': 'all:\n  hosts:\n    - h1\n' }, at: 'hosts.yml:3:5', message: /'hosts' of group 'all' must be a mapping, got a list \(write each host as a key/ },
  { name: 'YAML: group is a string', files: { 'hosts.yml': 'all:\n  children:\n    web: h1\n' }, at: 'hosts.yml:3:10', message: /group 'web' must be a mapping/ },
  { name: 'YAML: host vars are a string', files: { 'hosts.yml': 'all:\n  hosts:\n    h1: 10.0.0.1\n' }, at: 'hosts.yml:3:9', message: /vars of host 'h1' must be a mapping/ },
  { name: 'YAML: bad range', files: { 'hosts.yml': 'all:\n  hosts:\n    wrk[1:x]:\n' }, at: 'hosts.yml:3:5', message: /bad host range '\[1:x\]'/ },
  { name: 'YAML: child group cycle', files: { 'hosts.yml': 'a:\n  children:\n    b:\nb:\n  children:\n    a:\n' }, at: 'hosts.yml:6:5', message: /group 'a' is its own descendant: a -> b -> a/ },
  { name: 'group_vars file holding a list', files: { 'hosts.ini': '[w]\nh\n', 'group_vars/w.yml': '- a\n' }, at: join('group_vars', 'w.yml') + ':1:1', message: /vars file must hold a mapping.*got a list/ },
  { name: 'group_vars file with a YAML error', files: { 'hosts.ini': '[w]\nh\n', 'group_vars/w.yml': 'a: 1\nb: [\n' }, at: join('group_vars', 'w.yml') + ':', message: /YAML syntax error/ },
];

describe('inventory errors', () => {
  for (const c of cases) {
    it(c.name, () => {
      withTree(c.files, (root) => {
        const e = catchError(() => loadInventory(root));
        assert.ok(e instanceof UserError, `not a UserError: ${e.stack}`);
        assert.equal(e.exitCode, ExitCode.invalidInput);
        assert.match(e.message, c.message);
        assert.ok(formatLoc(e.loc).startsWith(join(root, c.at)), `error at ${formatLoc(e.loc)}, expected ${c.at}`);
        assert.ok(e.sourceLine !== undefined, 'the offending line is shown');
        assert.ok(e.format().includes(join(root, c.at)));
      });
    });
  }
});
