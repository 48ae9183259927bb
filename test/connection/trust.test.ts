// Host trust notices: relaxations are reported per host, trust variables from playbook sources are reported as ignored.

import assert from 'node:assert/strict';
import { specFromHostVars } from '../../src/connection/spec.js';
import { describeTrust, ignoredTrustVars } from '../../src/connection/trust.js';

describe('host trust notices', () => {
  it('says nothing for a checked ssh host or a local host', () => {
    assert.deepEqual(describeTrust(specFromHostVars('h', {}, {}, {}), {}, {}), []);
    const local = { ansible_connection: 'local', ansible_host_key_checking: false };
    assert.deepEqual(describeTrust(specFromHostVars('h', local, {}, local), local, local), []);
  });

  it('names the host when the inventory switches checking off, and when trust on first use is on', () => {
    const op = { ansible_host_key_checking: false };
    const notes = describeTrust(specFromHostVars('web1', op, {}, op), op, op);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /^host web1: host key checking is OFF/);
    const tofu = describeTrust(specFromHostVars('web2', {}, { acceptNewHostKeys: true }, {}), {}, {});
    assert.match(tofu.join('\n'), /host web2: an unknown host key is trusted on first use/);
  });

  it('reports trust variables that only a playbook source set, or set to another value', () => {
    assert.deepEqual(ignoredTrustVars({ ansible_host_key_checking: false, known_hosts_file: '/x' }, {}), ['ansible_host_key_checking', 'known_hosts_file']);
    assert.deepEqual(ignoredTrustVars({ ansible_host_key_checking: false }, { ansible_host_key_checking: false }), []);
    assert.deepEqual(ignoredTrustVars({ ansible_host_key_checking: true }, { ansible_host_key_checking: false }), ['ansible_host_key_checking']);
    const spec = specFromHostVars('db1', { host_key_checking: 'no' }, {}, {});
    assert.equal(spec.hostKeyChecking, true);
    assert.match(describeTrust(spec, { host_key_checking: 'no' }, {}).join('\n'), /host db1: host_key_checking set by the playbook .* is ignored/);
  });
});
