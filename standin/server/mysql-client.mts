// A small MySQL/MariaDB client, as a JDBC driver speaks it: handshake v10, mysql_native_password, COM_QUERY, text result sets, ERR packets.

import { createHash } from 'node:crypto';
import net from 'node:net';

export class MysqlServerError extends Error {
  constructor(readonly errno: number, readonly sqlState: string, message: string) {
    super(message);
  }
}

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
  readonly affectedRows: number;
}

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database?: string;
  readonly timeoutMs?: number;
  /** the client socket's own address (JDBC `localSocketAddress`): the server sees the connection come from it */
  readonly localAddress?: string;
}

const CLIENT = {
  LONG_PASSWORD: 0x1, LONG_FLAG: 0x4, CONNECT_WITH_DB: 0x8, PROTOCOL_41: 0x200, TRANSACTIONS: 0x2000,
  SECURE_CONNECTION: 0x8000, MULTI_RESULTS: 0x20000, PLUGIN_AUTH: 0x80000,
};

/** mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))). */
export function scrambleNativePassword(password: string, scramble: Buffer): Buffer {
  if (!password) return Buffer.alloc(0);
  const sha1 = (b: Buffer) => createHash('sha1').update(b).digest();
  const p1 = sha1(Buffer.from(password, 'utf8'));
  const p3 = sha1(Buffer.concat([scramble, sha1(p1)]));
  return Buffer.from(p1.map((b, i) => b ^ p3[i]!));
}

function readLenEnc(b: Buffer, pos: number): [number | null, number] {
  const f = b[pos]!;
  if (f < 0xfb) return [f, pos + 1];
  if (f === 0xfb) return [null, pos + 1];
  if (f === 0xfc) return [b.readUInt16LE(pos + 1), pos + 3];
  if (f === 0xfd) return [b.readUIntLE(pos + 1, 3), pos + 4];
  return [Number(b.readBigUInt64LE(pos + 1)), pos + 9];
}

function parseErr(p: Buffer): MysqlServerError {
  const errno = p.readUInt16LE(1);
  const hasState = p[3] === 0x23;
  return new MysqlServerError(errno, hasState ? p.toString('latin1', 4, 9) : 'HY000', p.toString('utf8', hasState ? 9 : 3));
}

export class MysqlConnection {
  #buf = Buffer.alloc(0);
  #waiters: Array<(p: Buffer | Error) => void> = [];
  #queue: Array<Buffer | Error> = [];
  #seq = 0;
  serverVersion = '';

  private constructor(private readonly sock: net.Socket) {
    sock.on('data', (d: Buffer) => this.#onData(d));
    const gone = (e?: Error) => this.#push(e ?? new Error('Connection closed by the server'));
    sock.on('error', gone);
    sock.on('close', () => gone());
  }

  static async connect(o: ConnectOptions): Promise<MysqlConnection> {
    const sock = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: o.host, port: o.port, ...(o.localAddress ? { localAddress: o.localAddress } : {}) });
      const timer = setTimeout(() => (s.destroy(), reject(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }))), o.timeoutMs ?? 10000);
      s.once('connect', () => (clearTimeout(timer), resolve(s)));
      s.once('error', (e) => (clearTimeout(timer), reject(e)));
    });
    const c = new MysqlConnection(sock);
    try {
      await c.#handshake(o);
    } catch (e) {
      c.close();
      throw e;
    }
    return c;
  }

  #onData(d: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, d]);
    while (this.#buf.length >= 4) {
      const len = this.#buf.readUIntLE(0, 3);
      if (this.#buf.length < 4 + len) break;
      this.#seq = (this.#buf[3]! + 1) & 0xff;
      const payload = this.#buf.subarray(4, 4 + len);
      this.#buf = this.#buf.subarray(4 + len);
      this.#push(Buffer.from(payload));
    }
  }

  #push(p: Buffer | Error): void {
    const w = this.#waiters.shift();
    if (w) w(p);
    else this.#queue.push(p);
  }

  #next(): Promise<Buffer> {
    const q = this.#queue.shift();
    const settle = (p: Buffer | Error) => (p instanceof Error ? Promise.reject(p) : Promise.resolve(p));
    if (q) {
      if (q instanceof Error) this.#queue.unshift(q); // a closed connection stays closed
      return settle(q);
    }
    return new Promise((resolve, reject) => this.#waiters.push((p) => (p instanceof Error ? reject(p) : resolve(p))));
  }

  #send(payload: Buffer, seq = this.#seq): void {
    const h = Buffer.alloc(4);
    h.writeUIntLE(payload.length, 0, 3);
    h[3] = seq;
    this.sock.write(Buffer.concat([h, payload]));
  }

  async #handshake(o: ConnectOptions): Promise<void> {
    const hs = await this.#next();
    if (hs[0] === 0xff) throw parseErr(hs);
    if (hs[0] !== 10) throw new Error(`unsupported MySQL protocol version ${hs[0]}`);
    let pos = hs.indexOf(0, 1);
    this.serverVersion = hs.toString('latin1', 1, pos);
    pos += 1 + 4;
    const part1 = hs.subarray(pos, pos + 8);
    pos += 8 + 1;
    const capsLow = hs.readUInt16LE(pos);
    pos += 2 + 1 + 2;
    const caps = capsLow | (hs.readUInt16LE(pos) << 16);
    pos += 2;
    const authLen = hs[pos]!;
    pos += 1 + 10;
    const part2Len = Math.max(13, authLen - 8);
    const part2 = hs.subarray(pos, pos + part2Len - 1); // the last byte is a NUL
    pos += part2Len;
    const plugin = caps & CLIENT.PLUGIN_AUTH ? hs.toString('latin1', pos, hs.indexOf(0, pos) < 0 ? hs.length : hs.indexOf(0, pos)) : 'mysql_native_password';
    const scramble = Buffer.concat([part1, part2]);
    const flags = CLIENT.LONG_PASSWORD | CLIENT.LONG_FLAG | CLIENT.PROTOCOL_41 | CLIENT.TRANSACTIONS | CLIENT.SECURE_CONNECTION
      | CLIENT.MULTI_RESULTS | CLIENT.PLUGIN_AUTH | (o.database ? CLIENT.CONNECT_WITH_DB : 0);
    const head = Buffer.alloc(32);
    head.writeUInt32LE(flags >>> 0, 0);
    head.writeUInt32LE(16 * 1024 * 1024, 4);
    head[8] = 33; // utf8_general_ci
    const auth = plugin === 'mysql_native_password' ? scrambleNativePassword(o.password, scramble) : Buffer.alloc(0);
    this.#send(Buffer.concat([
      head, Buffer.from(`${o.user}\0`, 'utf8'), Buffer.from([auth.length]), auth,
      o.database ? Buffer.from(`${o.database}\0`, 'utf8') : Buffer.alloc(0), Buffer.from('mysql_native_password\0'),
    ]));
    for (;;) {
      const r = await this.#next();
      if (r[0] === 0x00) return;
      if (r[0] === 0xff) throw parseErr(r);
      if (r[0] === 0xfe) {
        const end = r.indexOf(0, 1);
        const name = r.toString('latin1', 1, end);
        if (name !== 'mysql_native_password') throw new Error(`authentication plugin '${name}' is not supported by the stand-in driver`);
        const data = r.subarray(end + 1, r.length - (r[r.length - 1] === 0 ? 1 : 0));
        this.#send(scrambleNativePassword(o.password, data));
        continue;
      }
      throw new Error(`unexpected packet 0x${r[0]!.toString(16)} during authentication`);
    }
  }

  /** Runs one statement (COM_QUERY) and reads its text result set or OK packet. */
  async query(sql: string): Promise<QueryResult> {
    this.#send(Buffer.concat([Buffer.from([0x03]), Buffer.from(sql, 'utf8')]), 0);
    const first = await this.#next();
    if (first[0] === 0xff) throw parseErr(first);
    if (first[0] === 0x00) return { columns: [], rows: [], affectedRows: readLenEnc(first, 1)[0] ?? 0 };
    const count = readLenEnc(first, 0)[0] ?? 0;
    const columns: string[] = [];
    for (let i = 0; i < count; i++) {
      const def = await this.#next();
      let pos = 0;
      const fields: string[] = [];
      for (let f = 0; f < 5; f++) {
        const [len, p] = readLenEnc(def, pos);
        fields.push(def.toString('utf8', p, p + (len ?? 0)));
        pos = p + (len ?? 0);
      }
      columns.push(fields[4]!);
    }
    await this.#next(); // EOF after the column definitions
    const rows: Array<Array<string | null>> = [];
    for (;;) {
      const p = await this.#next();
      if (p[0] === 0xff) throw parseErr(p);
      if (p[0] === 0xfe && p.length < 9) break;
      const row: Array<string | null> = [];
      let pos = 0;
      for (let i = 0; i < count; i++) {
        const [len, at] = readLenEnc(p, pos);
        row.push(len === null ? null : p.toString('utf8', at, at + len));
        pos = at + (len ?? 0);
      }
      rows.push(row);
    }
    return { columns, rows, affectedRows: 0 };
  }

  close(): void {
    if (!this.sock.destroyed) {
      try {
        this.#send(Buffer.from([0x01]), 0); // COM_QUIT
      } catch {
        // already gone
      }
      this.sock.end();
      this.sock.destroy();
    }
  }
}
