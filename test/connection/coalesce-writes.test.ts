// coalesceWrites: writes of one event-loop turn leave together (the socket stays corked until then), in order, none lost.

import { strict as assert } from 'node:assert';
import net from 'node:net';
import { coalesceWrites } from '../../src/connection/coalesce-writes.js';
import { freeLabAddress } from './free-address.js';


describe('coalesceWrites', () => {
  let server: net.Server;
  let address: string;
  let received: Buffer[] = [];
  let gotAll: (() => void) | undefined;
  let want = 0;

  before(async () => {
    address = await freeLabAddress(2223);
    server = net.createServer((s) => s.on('data', (d) => {
      received.push(d);
      if (Buffer.concat(received).length >= want) gotAll?.();
    }));
    await new Promise<void>((resolve) => server.listen(2223, address, resolve));
  });
  after(() => server?.close());

  async function connected(): Promise<net.Socket> {
    const sock = net.connect(2223, address);
    await new Promise((resolve) => sock.once('connect', resolve));
    coalesceWrites(sock);
    return sock;
  }

  it('keeps the socket corked for the rest of the turn and delivers every write in order', async () => {
    const sock = await connected();
    received = [];
    const parts = Array.from({ length: 200 }, (_, i) => Buffer.from(`packet ${i};`));
    want = Buffer.concat(parts).length;
    const done = new Promise<void>((resolve) => (gotAll = resolve));
    for (const p of parts) sock.write(p);
    assert.equal(sock.writableCorked, 1, 'corked until the turn ends');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sock.writableCorked, 0, 'uncorked after the turn');
    await done;
    assert.equal(Buffer.concat(received).toString(), Buffer.concat(parts).toString());
    // the next turn's writes cork again
    sock.write('x');
    assert.equal(sock.writableCorked, 1);
    sock.destroy();
  });

  it('a write after destroy does not throw or cork', async () => {
    const sock = await connected();
    sock.destroy();
    sock.on('error', () => undefined);
    assert.doesNotThrow(() => sock.write('late'));
    assert.equal(sock.writableCorked, 0);
  });
});
