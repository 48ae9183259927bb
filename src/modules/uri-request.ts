// HTTP(S) requests sent FROM the host: node:http over a TCP stream opened by Connection.connectTcp, TLS wrapped on top.

import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Connection } from '../connection/types.js';

export type TcpOpener = Pick<Connection, 'connectTcp' | 'host'>;

export interface RequestSpec {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly validateCerts: boolean;
  readonly tls: { readonly ca?: Buffer; readonly cert?: Buffer; readonly key?: Buffer };
  readonly timeoutMs: number;
  readonly followRedirects: 'all' | 'safe' | 'none';
}

export interface HttpResponse {
  readonly status: number;
  readonly statusMessage: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** the URL that answered (after redirects) */
  readonly url: string;
  readonly redirected: boolean;
}

const MAX_REDIRECTS = 10;

/** Sends the request (following redirects as allowed); rejects with a readable message on network/TLS errors. */
export async function performRequest(conn: TcpOpener, spec: RequestSpec): Promise<HttpResponse> {
  const deadline = Date.now() + spec.timeoutMs;
  let url = spec.url;
  let method = spec.method;
  let body = spec.body;
  for (let hop = 0; ; hop++) {
    const res = await sendOnce(conn, { ...spec, url, method, body }, deadline);
    const location = res.headers.location;
    const follow = spec.followRedirects === 'all' || (spec.followRedirects === 'safe' && (method === 'GET' || method === 'HEAD'));
    if (![301, 302, 303, 307, 308].includes(res.status) || typeof location !== 'string' || !follow) {
      return { ...res, redirected: hop > 0 };
    }
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects, last to ${location}`);
    url = new URL(location, url);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
  }
}

async function sendOnce(conn: TcpOpener, spec: RequestSpec, deadline: number): Promise<HttpResponse> {
  const { url } = spec;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported URL scheme '${url.protocol}' (http or https)`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const remaining = () => Math.max(1, deadline - Date.now());
  const raw = await conn.connectTcp(host, port, remaining());
  let sock: Duplex = raw;
  try {
    if (url.protocol === 'https:') sock = await startTls(raw, host, spec, remaining());
    return await exchange(sock, spec, host, port, remaining());
  } finally {
    sock.destroy();
    raw.destroy();
  }
}

function startTls(raw: Duplex, host: string, spec: RequestSpec, timeoutMs: number): Promise<tls.TLSSocket> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const s = tls.connect({
        socket: raw,
        host,
        servername: net.isIP(host) ? undefined : host,
        rejectUnauthorized: spec.validateCerts,
        ca: spec.tls.ca,
        cert: spec.tls.cert,
        key: spec.tls.key,
      });
      s.once('secureConnect', () => resolve(s));
      s.once('error', (e) => reject(describeTlsError(e, spec.url)));
    }),
    timeoutMs,
    `TLS handshake with ${spec.url.host}`,
  );
}

function exchange(sock: Duplex, spec: RequestSpec, host: string, port: number, timeoutMs: number): Promise<HttpResponse> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const req = http.request({
        method: spec.method,
        host,
        port,
        path: `${spec.url.pathname}${spec.url.search}`,
        headers: { host: spec.url.host, ...spec.headers, ...(spec.body ? { 'content-length': String(spec.body.length) } : {}) },
        createConnection: () => sock as net.Socket,
      });
      req.once('error', reject);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.once('error', reject);
        res.once('end', () => resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks),
          url: spec.url.href,
          redirected: false,
        }));
      });
      req.end(spec.body);
    }),
    timeoutMs,
    `${spec.method} ${spec.url.href}`,
  );
}

function describeTlsError(e: Error, url: URL): Error {
  const code = (e as { code?: string }).code ?? '';
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED|ALTNAME|CERT_HAS_EXPIRED/.test(code)) {
    return new Error(`the certificate of ${url.host} is not trusted (${e.message}); set validate_certs: false to skip the check, or ca_path to trust its CA`);
  }
  return new Error(`TLS handshake with ${url.host} failed: ${e.message}`);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms)}ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
