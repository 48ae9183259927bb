// The node's HTTP(S) listeners: PassThrough 8280/8243 (/services/<name>), Tomcat 9763/9443 (/carbon/ console unless a worker).

import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { LOGGERS, type CarbonLog } from './carbon-log.mjs';
import { StartupError } from './conf-files.mjs';
import type { Listener, NodeConfig } from './conf-node.mjs';
import type { ProxyDeployer } from './proxy-deployer.mjs';
import { consoleLoginPage } from './console-page.mjs';

export interface EndpointContext {
  readonly config: NodeConfig;
  readonly workerNode: boolean;
  readonly product: string;
  readonly log: CarbonLog;
  readonly proxies: ProxyDeployer;
  readonly tls: { readonly key: Buffer; readonly cert: Buffer };
  /** the JSON body describing this node (host names, subDomain, workerNode, members) */
  describeNode(): Record<string, unknown>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const FAULT = (path: string) =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>' +
  `<faultcode>soapenv:Client</faultcode><faultstring>The endpoint reference (EPR) for the Operation not found is ${path} and the WSA Action = null. ` +
  'If this EPR was previously reachable, please contact the server administrator.</faultstring><detail/></soapenv:Fault></soapenv:Body></soapenv:Envelope>';

function reply(res: http.ServerResponse, status: number, type: string, body: string, server: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, Server: server, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** The PassThrough transports: the echo service, deployed proxies, a fault for anything else. */
function servicesHandler(ctx: EndpointContext, transport: 'http' | 'https'): Handler {
  const server = 'WSO2-PassThrough-HTTP';
  return (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/services\/([^/]+)/.exec(url.pathname);
    if (url.pathname === '/services' || url.pathname === '/services/') {
      const services = ['echo', ...ctx.proxies.names()];
      return reply(res, 200, 'application/json', `${JSON.stringify({ services, ...ctx.describeNode() }, null, 2)}\n`, server);
    }
    const name = m ? decodeURIComponent(m[1]!).replace(/\.(SOAP11|SOAP12|HTTP)Endpoint$/, '') : undefined;
    const proxy = name ? ctx.proxies.get(name) : undefined;
    if (name === 'echo' || (proxy && proxy.transports.has(transport))) {
      if (proxy) ctx.proxies.mediate(proxy, { path: url.pathname, body });
      const json = { service: name, transport, port: transport === 'http' ? ctx.config.http.port : ctx.config.https.port, ...ctx.describeNode() };
      return reply(res, 200, 'application/json', `${JSON.stringify(json, null, 2)}\n`, server);
    }
    return reply(res, 404, 'text/xml; charset=UTF-8', FAULT(url.pathname), server);
  };
}

/** Tomcat's connectors: the management console at /carbon/ on non-workers, 404 on workers. */
function servletHandler(ctx: EndpointContext, secure: boolean): Handler {
  const server = 'WSO2 Carbon Server';
  const notFound = (res: http.ServerResponse, p: string) =>
    reply(res, 404, 'text/html;charset=utf-8', `<html><head><title>Error 404 - Not Found</title></head><body><h1>HTTP Status 404 - ${p}</h1></body></html>\n`, server);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    if (ctx.workerNode || !(p === '/' || p === '/carbon' || p.startsWith('/carbon/'))) return notFound(res, p);
    if (!secure) {
      const host = (req.headers.host ?? ctx.config.mgtHostName).replace(/:\d+$/, '');
      return reply(res, 302, 'text/html', '', server, { Location: `https://${host}:${ctx.config.servletHttps.port}${p === '/' ? '/carbon/' : p}` });
    }
    if (p === '/' || p === '/carbon') return reply(res, 302, 'text/html', '', server, { Location: '/carbon/' });
    return reply(res, 200, 'text/html;charset=UTF-8', consoleLoginPage(ctx.product, ctx.config.mgtHostName), server);
  };
}

function listen(srv: net.Server, l: Listener, what: { logger: string; name: string }): Promise<void> {
  const host = l.bindAddress ?? '0.0.0.0';
  return new Promise((resolve, reject) => {
    srv.once('error', (e: NodeJS.ErrnoException) => {
      const reason = e.code === 'EADDRINUSE' ? 'Address already in use' : e.code === 'EADDRNOTAVAIL' ? 'Cannot assign requested address' : e.message;
      reject(new StartupError(what.logger, `${what.name}: cannot bind ${host}:${l.port}`, [`java.net.BindException: ${reason} (Bind failed) ${host}:${l.port}`]));
    });
    srv.listen(l.port, host, () => resolve());
  });
}

function wrap(handler: Handler): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.length < 1024 && chunks.push(d));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  };
}

/** Binds Tomcat's connectors (first, as Carbon does); a port in use fails the start. */
export async function startServletConnectors(ctx: EndpointContext): Promise<net.Server[]> {
  const plain = http.createServer(wrap(servletHandler(ctx, false)));
  const tls = https.createServer({ key: ctx.tls.key, cert: ctx.tls.cert }, wrap(servletHandler(ctx, true)));
  await listen(plain, ctx.config.servletHttp, { logger: LOGGERS.tomcat, name: `Failed to start connector [Connector[HTTP/1.1-${ctx.config.servletHttp.port}]]` });
  await listen(tls, ctx.config.servletHttps, { logger: LOGGERS.tomcat, name: `Failed to start connector [Connector[HTTP/1.1-${ctx.config.servletHttps.port}]]` });
  return [plain, tls];
}

/** Binds the PassThrough listeners and logs them started, as Synapse does. */
export async function startPassThroughListeners(ctx: EndpointContext): Promise<net.Server[]> {
  const plain = http.createServer(wrap(servicesHandler(ctx, 'http')));
  const tls = https.createServer({ key: ctx.tls.key, cert: ctx.tls.cert }, wrap(servicesHandler(ctx, 'https')));
  await listen(plain, ctx.config.http, { logger: LOGGERS.ioReactor, name: 'Error starting the IOReactor' });
  await listen(tls, ctx.config.https, { logger: LOGGERS.ioReactor, name: 'Error starting the IOReactor' });
  ctx.log.info(LOGGERS.httpsListener, `Pass-through HTTPS Listener started on ${ctx.config.https.bindAddress ?? '0.0.0.0'}:${ctx.config.https.port}`);
  ctx.log.info(LOGGERS.httpListener, `Pass-through HTTP Listener started on ${ctx.config.http.bindAddress ?? '0.0.0.0'}:${ctx.config.http.port}`);
  return [plain, tls];
}

/** Stops accepting and drops open connections (keep-alive ones included). */
export function closeServers(servers: readonly net.Server[]): Promise<void> {
  return Promise.all(servers.map((s) => new Promise<void>((r) => {
    (s as http.Server).closeAllConnections?.();
    s.close(() => r());
  }))).then(() => undefined);
}
