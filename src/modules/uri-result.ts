// uri module helpers: argument shapes, request body encoding, and the task result built from a response.

import { isSecret, reveal } from '../vars/secret.js';
import type { HttpResponse } from './uri-request.js';

export interface UriArgs {
  url: string;
  method: string;
  headers: Record<string, unknown>;
  body?: unknown;
  body_format: 'raw' | 'json' | 'form-urlencoded';
  status_code: unknown;
  return_content: boolean;
  validate_certs: boolean;
  client_cert?: string;
  client_key?: string;
  ca_path?: string;
  timeout: number;
  follow_redirects: 'all' | 'safe' | 'none' | 'yes' | 'no';
  url_username?: string;
  url_password?: unknown;
}

/** What gather (or apply) found: a response, a request error, or that the request waits for apply. */
export interface UriOutcome {
  readonly response?: HttpResponse;
  readonly error?: string;
  readonly elapsedMs?: number;
  readonly deferred?: boolean;
  readonly invalid?: string;
}

export function normalizeStatusCodes(v: unknown): number[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v];
  return list.map((x) => {
    const n = typeof x === 'number' ? x : typeof x === 'string' && /^\s*-?\d+\s*$/.test(x) ? Number(x) : NaN;
    if (!Number.isInteger(n)) throw new Error(`status_code must be an integer or a list of integers, got '${String(x)}'`);
    return n;
  });
}

/** Encodes body per body_format; Secret values inside are revealed only here, on the way out. */
export function buildBody(args: UriArgs): { body?: Buffer; contentType?: string } {
  if (args.body === undefined || args.body === null) return {};
  const body = revealDeep(args.body);
  switch (args.body_format) {
    case 'json':
      return { body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), contentType: 'application/json' };
    case 'form-urlencoded': {
      if (typeof body === 'string') return { body: Buffer.from(body), contentType: 'application/x-www-form-urlencoded' };
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('body_format form-urlencoded needs body to be a mapping or a string');
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) form.append(k, String(v));
      return { body: Buffer.from(form.toString()), contentType: 'application/x-www-form-urlencoded' };
    }
    case 'raw':
      if (typeof body === 'string' || typeof body === 'number' || typeof body === 'boolean') return { body: Buffer.from(String(body)) };
      throw new Error('body is a mapping or list: set body_format json or form-urlencoded');
  }
}

function revealDeep(v: unknown): unknown {
  if (isSecret(v)) return reveal(v);
  if (Array.isArray(v)) return v.map(revealDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealDeep(x)]));
  return v;
}

/** The task result (status, content, json, headers...) and a failure message when the status is not accepted. */
export function buildUriResult(args: UriArgs, out: UriOutcome): { result: Record<string, unknown>; failed?: string } {
  const codes = normalizeStatusCodes(args.status_code);
  const elapsed = Math.floor((out.elapsedMs ?? 0) / 1000);
  const res = out.response;
  if (!res) {
    const msg = `Status code was -1 and not [${codes.join(', ')}]: Request failed: ${out.error ?? 'no response'}`;
    return { result: { status: -1, url: args.url, elapsed, msg }, failed: msg };
  }
  const result: Record<string, unknown> = {
    status: res.status,
    url: res.url,
    redirected: res.redirected,
    elapsed,
    headers: { ...res.headers },
    msg: `${res.statusMessage || 'OK'} (${res.body.length} bytes)`,
  };
  const type = String(res.headers['content-type'] ?? '');
  if (type) result.content_type = type;
  if (args.return_content) result.content = res.body.toString('utf8');
  if (/[/+]json\b/i.test(type) && res.body.length > 0) {
    try {
      result.json = JSON.parse(res.body.toString('utf8'));
    } catch {
      // a body that claims JSON but is not: content (with return_content) still shows it
    }
  }
  if (!codes.includes(res.status)) {
    const failed = `Status code was ${res.status} and not [${codes.join(', ')}]: HTTP Error ${res.status}: ${res.statusMessage}`;
    return { result: { ...result, msg: failed }, failed };
  }
  return { result };
}
