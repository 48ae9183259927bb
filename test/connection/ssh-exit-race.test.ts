// The exit status of a command whose whole answer arrives at once (success, output, EOF, exit-status, close in one read) is kept.
//
// An in-process ssh2 server on a lab loopback address answers every exec within the same tick, so the
// client reads the channel's confirmation and its exit-status from one chunk: the exit listener must
// already be attached when the exec callback returns (a lost status used to show as "exit null").

import { strict as assert } from 'node:assert';
import ssh2, { type Client } from 'ssh2';
import { runOnChannel } from '../../src/connection/ssh-channel.js';
import { freeLabAddress } from './free-address.js';

const { Server, utils } = ssh2;


describe('ssh exec: an answer read in one chunk keeps its exit status', () => {
  let server: InstanceType<typeof Server>;
  let client: Client;

  before(async () => {
    const hostKey = utils.generateKeyPairSync('ed25519').private;
    const userKey = utils.generateKeyPairSync('ed25519');
    server = new Server({ hostKeys: [hostKey] }, (c) => {
      c.on('authentication', (ctx) => (ctx.method === 'publickey' ? ctx.accept() : ctx.reject(['publickey'])));
      c.on('session', (accept) => {
        accept().on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec();
          // everything in the same tick: the client gets it all in one read
          const code = Number(/exit (\d+)/.exec(info.command)?.[1] ?? 0);
          stream.write(`ran ${info.command}\n`);
          stream.stderr.write('note\n');
          stream.exit(code);
          stream.end();
        });
      });
    });
    const address = await freeLabAddress(2222);
    await new Promise<void>((resolve) => server.listen(2222, address, resolve));
    client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => {
      client.on('ready', () => resolve()).on('error', reject).connect({ host: address, port: 2222, username: 'test', privateKey: userKey.private });
    });
  });

  after(() => {
    client?.end();
    server?.close();
  });

  it('every exit status arrives, 0 and others, with the output', async () => {
    for (let i = 0; i < 40; i++) {
      const code = i % 4;
      const r = await runOnChannel(client, `exit ${code}`, { isAlive: () => true });
      assert.equal(r.exitCode, code, `exec ${i}: exit status lost (${JSON.stringify(r)})`);
      assert.equal(r.stdout, `ran exit ${code}\n`);
      assert.equal(r.stderr, 'note\n');
    }
  });

  it('many at once on one connection', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => runOnChannel(client, `exit ${i}`, { isAlive: () => true })));
    assert.deepEqual(all.map((r) => r.exitCode), [0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
