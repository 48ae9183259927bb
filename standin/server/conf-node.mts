// The node's ports, host names and clustering settings, from carbon.xml, catalina-server.xml and axis2.xml.

import os from 'node:os';
import type { ConfTrees } from './conf-files.mjs';
import { StartupError } from './conf-files.mjs';
import { expandMemberHosts } from './member-range.mjs';
import { substituteProperties } from './system-properties.mjs';
import { child, children, textAt, type XmlElement } from './xml-parse.mjs';

export interface Listener {
  readonly port: number;
  /** address to bind; undefined = every interface (0.0.0.0, as with -Djava.net.preferIPv4Stack=true) */
  readonly bindAddress?: string;
}

export interface WkaMember {
  readonly host: string;
  readonly port: number;
}

export interface ClusterConfig {
  readonly enabled: boolean;
  readonly scheme: string;
  readonly domain: string;
  readonly localMemberHost: string;
  readonly localMemberPort: number;
  readonly bindAddress: string;
  readonly members: readonly WkaMember[];
  readonly subDomain?: string;
}

export interface NodeConfig {
  readonly offset: number;
  /** carbon.xml HostName, else the machine's host name */
  readonly hostName: string;
  readonly mgtHostName: string;
  readonly deploymentIntervalSec: number;
  readonly http: Listener;
  readonly https: Listener;
  readonly servletHttp: Listener;
  readonly servletHttps: Listener;
  readonly cluster: ClusterConfig;
}

function intOf(value: string | undefined, what: string, logger: string, fallback?: number): number {
  if ((value === undefined || value === '') && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new StartupError(logger, `Invalid ${what}: '${value ?? ''}'`, [`java.lang.NumberFormatException: For input string: "${value ?? ''}"`]);
  return n;
}

function param(el: XmlElement | undefined, name: string): string | undefined {
  const p = children(el, 'parameter').find((x) => x.attrs.get('name') === name);
  return p ? p.text.trim() : undefined;
}

/** Reads the node's network settings; portOffset (system property) overrides carbon.xml's Ports/Offset, as in Carbon. */
export function readNodeConfig(trees: ConfTrees, props: ReadonlyMap<string, string>): NodeConfig {
  const sub = (v: string | undefined) => (v === undefined ? undefined : substituteProperties(v, props));
  const carbonLogger = 'org.wso2.carbon.base.ServerConfiguration';
  const offset = props.has('portOffset')
    ? intOf(props.get('portOffset'), 'port offset', carbonLogger)
    : intOf(sub(textAt(trees.carbon, 'Ports', 'Offset')), 'Ports/Offset', carbonLogger, 0);
  const hostName = sub(textAt(trees.carbon, 'HostName')) || os.hostname();
  const mgtHostName = sub(textAt(trees.carbon, 'MgtHostName')) || hostName;
  const deploymentIntervalSec = intOf(sub(textAt(trees.carbon, 'Axis2Config', 'DeploymentUpdateInterval')), 'DeploymentUpdateInterval', carbonLogger, 15);

  const axisLogger = 'org.wso2.carbon.core.CarbonAxisConfigurator';
  const receiver = (name: string, defPort: number): Listener => {
    const r = children(trees.axis2, 'transportReceiver').find((x) => x.attrs.get('name') === name);
    const port = intOf(sub(param(r, 'port')), `${name} transport port`, axisLogger, defPort) + offset;
    return { port, bindAddress: sub(param(r, 'bind-address')) || undefined };
  };
  const connector = (defPort: number): Listener => {
    const service = child(trees.catalina, 'Service');
    const c = children(service, 'Connector').find((x) => x.attrs.get('port') === String(defPort)) ?? children(service, 'Connector')[defPort === 9443 ? 1 : 0];
    const port = intOf(sub(c?.attrs.get('port')), 'Connector port', 'org.wso2.carbon.tomcat.internal.ServerManager', defPort) + offset;
    return { port, bindAddress: sub(c?.attrs.get('address')) || undefined };
  };
  return {
    offset,
    hostName,
    mgtHostName,
    deploymentIntervalSec: Math.max(1, deploymentIntervalSec),
    http: receiver('http', 8280),
    https: receiver('https', 8243),
    servletHttp: connector(9763),
    servletHttps: connector(9443),
    cluster: readCluster(child(trees.axis2, 'clustering'), sub),
  };
}

function readCluster(el: XmlElement | undefined, sub: (v: string | undefined) => string | undefined): ClusterConfig {
  const logger = 'org.apache.axis2.deployment.ClusterBuilder';
  const localMemberHost = sub(param(el, 'localMemberHost')) || '127.0.0.1';
  const props = children(children(el, 'parameter').find((p) => p.attrs.get('name') === 'properties'), 'property');
  const members: WkaMember[] = [];
  for (const m of children(child(el, 'members'), 'member')) {
    const host = sub(textAt(m, 'hostName')) ?? '';
    const port = intOf(sub(textAt(m, 'port')), 'member port', logger);
    for (const h of expandMemberHosts(host)) members.push({ host: h, port });
  }
  return {
    enabled: (el?.attrs.get('enable') ?? 'false').trim().toLowerCase() === 'true',
    scheme: sub(param(el, 'membershipScheme')) || 'multicast',
    domain: sub(param(el, 'domain')) || 'wso2.carbon.domain',
    localMemberHost,
    localMemberPort: intOf(sub(param(el, 'localMemberPort')), 'localMemberPort', logger, 4000),
    bindAddress: sub(param(el, 'localMemberBindAddress')) || localMemberHost,
    members,
    subDomain: props.find((p) => p.attrs.get('name') === 'subDomain')?.attrs.get('value'),
  };
}
