// A minimal MySQL-protocol login over TCP from a chosen source address, to test what a remote node may do.

import { createHash } from 'node:crypto';
import net from 'node:net';

export type LoginOutcome = { ok: true } | { ok: false; code: number; message: string };

function sha1(...parts: Buffer[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** mysql_native_password: SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw))) */
function scramble(password: string, salt: Buffer): Buffer {
  if (password === '') return Buffer.alloc(0);
  const a = sha1(Buffer.from(password));
  const b = sha1(salt, sha1(a));
  return Buffer.from(a.map((x, i) => x ^ b[i]!));
}

function packet(seq: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = seq;
  return Buffer.concat([head, payload]);
}

function cstr(buf: Buffer, at: number): [string, number] {
  const end = buf.indexOf(0, at);
  return [buf.toString('utf8', at, end), end + 1];
}

function errorOf(p: Buffer): LoginOutcome {
  const code = p.readUInt16LE(1);
  const message = p.toString('utf8', p[3] === 0x23 ? 9 : 3);
  return { ok: false, code, message };
}

/**
 * Logs in as user/password to address:port from localAddress (a 127.10.X.Y the server sees as the
 * client host) and reports the server's answer: OK, or its error code and message.
 */
export function tryLogin(o: { address: string; port: number; localAddress: string; user: string; password: string }): Promise<LoginOutcome> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: o.address, port: o.port, localAddress: o.localAddress });
    let buf = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' = 'greeting';
    const done = (r: LoginOutcome) => {
      sock.destroy();
      resolve(r);
    };
    sock.setTimeout(10_000, () => {
      sock.destroy();
      reject(new Error('mysql probe timed out'));
    });
    sock.on('error', reject);
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4) {
        const len = buf.readUIntLE(0, 3);
        if (buf.length < 4 + len) return;
        const seq = buf[3]!;
        const p = buf.subarray(4, 4 + len);
        buf = buf.subarray(4 + len);
        if (p[0] === 0xff) return done(errorOf(p));
        if (stage === 'greeting') {
          let at = 1;
          [, at] = cstr(p, at); // server version
          at += 4; // connection id
          const salt1 = p.subarray(at, at + 8);
          at += 8 + 1 + 2 + 1 + 2 + 2; // filler, caps low, charset, status, caps high
          const saltLen = p[at]!;
          at += 1 + 10;
          const salt2 = p.subarray(at, at + Math.max(13, saltLen - 8) - 1);
          const salt = Buffer.concat([salt1, salt2]);
          const caps = 0x1 | 0x200 | 0x8000 | 0x80000; // LONG_PASSWORD, PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH
          const head = Buffer.alloc(32);
          head.writeUInt32LE(caps, 0);
          head.writeUInt32LE(1 << 24, 4);
          head[8] = 45;
          const auth = scramble(o.password, salt);
          sock.write(packet(seq + 1, Buffer.concat([head, Buffer.from(o.user), Buffer.from([0, auth.length]), auth, Buffer.from('mysql_native_password\0')])));
          stage = 'auth';
        } else if (p[0] === 0x00) {
          return done({ ok: true });
        } else if (p[0] === 0xfe) {
          const [, at] = cstr(p, 1);
          const salt = p.subarray(at, p[p.length - 1] === 0 ? p.length - 1 : p.length);
          sock.write(packet(seq + 1, scramble(o.password, salt)));
        } else {
          return done({ ok: false, code: -1, message: `unexpected packet 0x${p[0]!.toString(16)}` });
        }
      }
    });
  });
}
