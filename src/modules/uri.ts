// The uri module: HTTP(S) requests sent from the host; GET/HEAD are read-only (gather), other methods are changes.

import type { Connection } from '../connection/types.js';
import { TaskFailure } from '../errors.js';
import { reveal } from '../vars/secret.js';
import type { ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { performRequest, type HttpResponse, type RequestSpec } from './uri-request.js';
import { buildBody, buildUriResult, normalizeStatusCodes, type UriArgs, type UriOutcome } from './uri-result.js';

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

export const uriModule = {
  name: 'uri',
  summary: 'HTTP(S) request sent from the host (through the connection); GET/HEAD run also in check mode, other methods are changes.',
  checkMode: 'partial',
  schema: {
    args: {
      url: { type: 'str', required: true, description: 'http:// or https:// URL, resolved from the host (127.0.0.1 is the host itself)' },
      method: { type: 'str', default: 'GET', description: 'HTTP method; GET, HEAD and OPTIONS are read-only, others run only outside check mode' },
      headers: { type: 'dict', default: {}, description: 'request headers' },
      body: { type: 'raw', description: 'request body: a string, or a mapping/list with body_format json or form-urlencoded' },
      body_format: { type: 'str', default: 'raw', choices: ['raw', 'json', 'form-urlencoded'], description: 'how body is encoded; sets Content-Type unless given in headers' },
      status_code: { type: 'raw', default: [200], description: 'accepted status code(s): an integer or a list of integers' },
      return_content: { type: 'bool', default: false, description: 'add the body as `content` to the result (JSON bodies are always parsed into `json`)' },
      validate_certs: { type: 'bool', default: true, description: 'verify the server certificate and name for https' },
      client_cert: { type: 'path', description: 'PEM client certificate, a file on the host' },
      client_key: { type: 'path', description: 'PEM key of client_cert, a file on the host' },
      ca_path: { type: 'path', description: 'PEM CA bundle on the host to trust for https' },
      timeout: { type: 'int', default: 30, description: 'seconds for the whole request including redirects' },
      follow_redirects: { type: 'str', default: 'safe', choices: ['all', 'safe', 'none', 'yes', 'no'], description: 'safe: only for GET/HEAD; all; none (yes = all, no = none)' },
      url_username: { type: 'str', aliases: ['user'], description: 'basic auth user (sent with the first request, like force_basic_auth)' },
      url_password: { type: 'str', aliases: ['password'], secret: true, description: 'basic auth password (masked in output)' },
    },
    requiredIf: [['body_format', 'form-urlencoded', ['body']]],
  },

  async gather(ctx: ReadContext, args: UriArgs): Promise<UriOutcome> {
    const problem = checkArgs(args);
    if (problem) return { invalid: problem };
    if (!READ_ONLY.has(args.method.toUpperCase())) return { deferred: true };
    if (!ctx.conn) throw new Error('uri needs a connection to the host');
    return runRequest(ctx.conn, args);
  },

  plan(args: UriArgs, out: UriOutcome): Plan {
    if (out.invalid) return failPlan(out.invalid);
    const method = args.method.toUpperCase();
    if (out.deferred) {
      return {
        changes: [{
          kind: 'custom',
          summary: `${method} ${args.url}`,
          async apply(actx) {
            const done = await runRequest(actx.conn, args);
            const r = buildUriResult(args, done);
            if (r.failed) throw new TaskFailure(r.failed, r.result);
            return r.result;
          },
        }],
      };
    }
    const r = buildUriResult(args, out);
    if (r.failed) return failPlan(r.failed, r.result);
    return { changes: [], changed: false, result: r.result, noopReason: `${method} ${args.url} answered ${String(r.result.status)} (read-only request)` };
  },
} satisfies ModuleDefinition<UriArgs, UriOutcome>;

function checkArgs(args: UriArgs): string | undefined {
  try {
    const u = new URL(args.url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `url must be http:// or https://, got '${args.url}'`;
  } catch {
    return `url is not a valid URL: '${args.url}'`;
  }
  if ((args.client_cert === undefined) !== (args.client_key === undefined)) return 'client_cert and client_key must be given together';
  try {
    normalizeStatusCodes(args.status_code);
    buildBody(args);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Reads TLS files on the host, sends the request, and times it; network errors become an outcome, not a throw. */
async function runRequest(conn: Pick<Connection, 'connectTcp' | 'readFile' | 'host'>, args: UriArgs): Promise<UriOutcome> {
  const started = Date.now();
  try {
    const spec = await buildSpec(conn, args);
    const response: HttpResponse = await performRequest(conn, spec);
    return { response, elapsedMs: Date.now() - started };
  } catch (e) {
    return { error: (e as Error).message, elapsedMs: Date.now() - started };
  }
}

async function buildSpec(conn: Pick<Connection, 'readFile' | 'host'>, args: UriArgs): Promise<RequestSpec> {
  const readHostFile = async (p: string | undefined, what: string) => {
    if (p === undefined) return undefined;
    const data = await conn.readFile(p);
    if (!data) throw new Error(`${what} ${p} does not exist on ${conn.host}`);
    return data;
  };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(args.headers ?? {})) headers[k.toLowerCase()] = String(reveal(v));
  const { body, contentType } = buildBody(args);
  if (contentType && !headers['content-type']) headers['content-type'] = contentType;
  if (args.url_username !== undefined && !headers.authorization) {
    const pass = String(reveal(args.url_password) ?? '');
    headers.authorization = `Basic ${Buffer.from(`${args.url_username}:${pass}`).toString('base64')}`;
  }
  const redirects = args.follow_redirects === 'yes' ? 'all' : args.follow_redirects === 'no' ? 'none' : args.follow_redirects;
  return {
    url: new URL(args.url),
    method: args.method.toUpperCase(),
    headers,
    body,
    validateCerts: args.validate_certs,
    tls: {
      ca: await readHostFile(args.ca_path, 'ca_path'),
      cert: await readHostFile(args.client_cert, 'client_cert'),
      key: await readHostFile(args.client_key, 'client_key'),
    },
    timeoutMs: args.timeout * 1000,
    followRedirects: redirects,
  };
}
