// Hot deployment of proxy services from synapse-configs/default/proxy-services/*.xml, and their log mediators.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { LOGGERS, type CarbonLog, type Level } from './carbon-log.mjs';
import { child, descendants, parseXmlBytes, XmlSyntaxError } from './xml-parse.mjs';

interface LogMediator {
  readonly level: string;
  readonly separator: string;
  readonly category: Level;
  readonly properties: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

export interface ProxyService {
  readonly name: string;
  readonly file: string;
  /** transports the proxy is exposed on (http, https) */
  readonly transports: ReadonlySet<string>;
  readonly logs: readonly LogMediator[];
}

/** What a call to a proxy needs for its log lines. */
export interface CallInfo {
  readonly path: string;
  readonly body: string;
}

function parseProxy(file: string): ProxyService {
  const root = parseXmlBytes(readFileSync(file));
  const name = root.attrs.get('name');
  if (root.local !== 'proxy' || !name) throw new Error(`${file} does not define a <proxy name="..."> (root element <${root.name}>)`);
  const t = (root.attrs.get('transports') ?? 'http https').trim().toLowerCase();
  const transports = new Set(t === 'all' || t === '' ? ['http', 'https'] : t.split(/[\s,]+/));
  const inSeq = child(child(root, 'target'), 'inSequence');
  const logs = inSeq ? descendants(inSeq, 'log') : [];
  return {
    name,
    file,
    transports,
    logs: logs.map((l) => {
      const cat = (l.attrs.get('category') ?? 'INFO').toUpperCase();
      return {
        level: (l.attrs.get('level') ?? 'simple').toLowerCase(),
        separator: l.attrs.get('separator') ?? ', ',
        category: (cat === 'WARN' || cat === 'ERROR' || cat === 'DEBUG' ? cat : 'INFO') as Level,
        properties: descendants(l, 'property').map((p) => ({ name: p.attrs.get('name') ?? '', value: p.attrs.get('value') ?? 'null' })),
      };
    }),
  };
}

export class ProxyDeployer {
  #deployed = new Map<string, { proxy?: ProxyService; stamp: string }>();
  #timer?: NodeJS.Timeout;

  constructor(private readonly dir: string, private readonly intervalSec: number, private readonly log: CarbonLog) {}

  /** Deploys what is there now, then polls every DeploymentUpdateInterval seconds. */
  start(): void {
    this.scan();
    this.#timer = setInterval(() => this.scan(), this.intervalSec * 1000);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  get(name: string): ProxyService | undefined {
    for (const d of this.#deployed.values()) if (d.proxy?.name === name) return d.proxy;
    return undefined;
  }

  names(): string[] {
    return [...this.#deployed.values()].flatMap((d) => (d.proxy ? [d.proxy.name] : []));
  }

  scan(): void {
    let files: string[] = [];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith('.xml')).sort();
    } catch {
      // no proxy-services directory: nothing deployed
    }
    const seen = new Set<string>();
    for (const f of files) {
      const file = path.join(this.dir, f);
      seen.add(file);
      let stamp: string;
      try {
        const st = statSync(file);
        stamp = `${st.mtimeMs}/${st.size}`;
      } catch {
        continue;
      }
      const old = this.#deployed.get(file);
      if (old?.stamp === stamp) continue;
      try {
        const proxy = parseProxy(file);
        this.#deployed.set(file, { proxy, stamp });
        this.log.info(LOGGERS.proxyDeployer, `ProxyService named '${proxy.name}' has been ${old?.proxy ? 'updated' : 'deployed'} from file : ${file}`);
      } catch (e) {
        this.#deployed.set(file, { stamp });
        const why = e instanceof XmlSyntaxError ? `org.xml.sax.SAXParseException; lineNumber: ${e.line}; columnNumber: ${e.column}; ${e.reason}` : (e as Error).message;
        this.log.error(LOGGERS.proxyDeployer, `ProxyService Deployment from the file : ${file} : Failed.`, [`org.apache.synapse.deployers.SynapseArtifactDeploymentException: ${why}`]);
      }
    }
    for (const [file, d] of this.#deployed) {
      if (seen.has(file)) continue;
      this.#deployed.delete(file);
      if (d.proxy) this.log.info(LOGGERS.proxyDeployer, `ProxyService named '${d.proxy.name}' has been undeployed`);
    }
  }

  /** Runs the proxy's log mediators for one request, as Synapse's LogMediator prints them. */
  mediate(proxy: ProxyService, call: CallInfo): void {
    const messageId = `urn:uuid:${randomUUID()}`;
    for (const m of proxy.logs) {
      const parts: string[] = [];
      if (m.level !== 'custom') parts.push(`To: ${call.path}`, 'WSAction: ', 'SOAPAction: ', `MessageID: ${messageId}`, 'Direction: request');
      for (const p of m.properties) parts.push(`${p.name} = ${p.value}`);
      if (m.level === 'full') parts.push(`Envelope: <?xml version='1.0' encoding='utf-8'?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${call.body}</soapenv:Body></soapenv:Envelope>`);
      this.log.write(m.category, LOGGERS.logMediator, parts.join(m.separator));
    }
  }
}
