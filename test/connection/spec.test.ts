// Inventory variables -> ConnectionSpec: names, defaults, CLI overrides, clear errors.

import assert from 'node:assert/strict';
import { specFromHostVars } from '../../src/connection/spec.js';
import { UserError } from '../../src/errors.js';
import { Secret } from '../../src/vars/secret.js';

describe('specFromHostVars', () => {
  it('maps the Ansible variables', () => {
    const pw = new Secret('pw');
    const s = specFromHostVars('web1', {
      ansible_host: '10.0.0.5', ansible_port: '2222', ansible_user: 'wso2', ansible_password: pw,
      ansible_ssh_private_key_file: '~/.ssh/wso2', esbplay_jump_host: 'bastion@10.0.0.1:22', known_hosts_file: '/kh',
      ansible_host_key_checking: 'no', ansible_timeout: 5, esbplay_command_timeout: '60',
    });
    assert.deepEqual({ ...s }, {
      host: 'web1', transport: 'ssh', address: '10.0.0.5', port: 2222, user: 'wso2', password: pw,
      privateKeyFile: '~/.ssh/wso2', knownHostsFile: '/kh', hostKeyChecking: false, acceptNewHostKeys: false,
      jumpHost: 'bastion@10.0.0.1:22', connectTimeoutMs: 5000, commandTimeoutMs: 60_000, root: undefined,
    });
  });

  it('defaults to ssh on port 22 at the inventory name, with host keys checked', () => {
    const s = specFromHostVars('db.example', {});
    assert.equal(s.address, 'db.example');
    assert.equal(s.port, 22);
    assert.equal(s.hostKeyChecking, true);
    assert.equal(specFromHostVars('me', { ansible_connection: 'local' }).transport, 'local');
  });

  it('lets the command line override known_hosts and trust on first use', () => {
    const s = specFromHostVars('h', { known_hosts_file: '/a' }, { knownHostsFile: '/b', acceptNewHostKeys: true });
    assert.equal(s.knownHostsFile, '/b');
    assert.equal(s.acceptNewHostKeys, true);
  });

  it('reads host key checking and known_hosts only from the operator variables, never from the task variables', () => {
    const taskVars = { ansible_host_key_checking: false, host_key_checking: 'no', known_hosts_file: '/attacker' };
    const s = specFromHostVars('h', taskVars, {}, {});
    assert.equal(s.hostKeyChecking, true);
    assert.equal(s.knownHostsFile, undefined);
    const op = specFromHostVars('h', taskVars, {}, { ansible_host_key_checking: false, known_hosts_file: '/kh' });
    assert.equal(op.hostKeyChecking, false);
    assert.equal(op.knownHostsFile, '/kh');
  });

  it('trust on first use comes only from the command line: the old variable is refused', () => {
    assert.throws(() => specFromHostVars('h', {}, {}, { esbplay_accept_new_host_keys: true }), (e: unknown) => e instanceof UserError && /--accept-new-host-keys/.test(e.message));
    assert.equal(specFromHostVars('h', { esbplay_accept_new_host_keys: true }, {}, {}).acceptNewHostKeys, false);
  });

  it('rejects bad values and unsupported variables with the host and variable named', () => {
    assert.throws(() => specFromHostVars('h', { ansible_port: 'abc' }), (e: unknown) => e instanceof UserError && /host h: ansible_port must be a port number/.test(e.message));
    assert.throws(() => specFromHostVars('h', { ansible_ssh_common_args: '-o ProxyJump=x' }), /esbplay_jump_host/);
    assert.throws(() => specFromHostVars('h', { ansible_connection: 'winrm' }), /not supported/);
    assert.throws(() => specFromHostVars('h', { ansible_host_key_checking: 'maybe' }), /true or false/);
  });
});
