// org.wso2.carbon.bootstrap.Bootstrap of the stand-in: starts the node in Carbon's order, refuses bad setups, shuts down on SIGTERM.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { JvmInvocation } from '../jdk/jvm-types.mjs';
import { CarbonLog, LOGGERS } from './carbon-log.mjs';
import { ClusterMember } from './cluster-member.mjs';
import { readDataConfig } from './conf-data.mjs';
import { readConfFiles, StartupError } from './conf-files.mjs';
import { readNodeConfig, type NodeConfig } from './conf-node.mjs';
import { closeDataSources, openAllDataSources } from './datasource-init.mjs';
import { closeServers, startPassThroughListeners, startServletConnectors, type EndpointContext } from './http-endpoints.mjs';
import { ProxyDeployer } from './proxy-deployer.mjs';
import { prepareSchemas } from './schema-setup.mjs';
import { effectiveProperties, isTrue, readKnobs, type StandinKnobs } from './system-properties.mjs';
import { children } from './xml-parse.mjs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything a running node holds, so a shutdown can release it whatever phase the start reached. */
interface Runtime {
  readonly log: CarbonLog;
  readonly knobs: StandinKnobs;
  product: string;
  passThrough: net.Server[];
  servlet: net.Server[];
  cluster?: ClusterMember;
  proxies?: ProxyDeployer;
  stopping: boolean;
}

export async function main(jvm: JvmInvocation): Promise<number> {
  const props = effectiveProperties(jvm);
  const knobs = readKnobs(props);
  const carbonHome = path.resolve(props.get('carbon.home') ?? process.env.CARBON_HOME ?? process.cwd());
  const started = Date.now();
  writeFileSync(path.join(carbonHome, 'wso2carbon.pid'), String(process.pid));
  const log = new CarbonLog(carbonHome);
  const rt: Runtime = { log, knobs, product: 'WSO2 Carbon', passThrough: [], servlet: [], stopping: false };
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));
  const onSignal = () => void shutdown(rt).then(() => finish(143));
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    await startNode(rt, jvm, props, carbonHome, started);
  } catch (e) {
    if (rt.stopping) return done;
    if (e instanceof StartupError) log.error(e.logger, e.message, e.detail);
    else log.error(LOGGERS.serverManager, `Unexpected error in the esbplay stand-in (a bug): ${(e as Error).message}`, [String((e as Error).stack ?? '')]);
    log.error(LOGGERS.serverManager, 'WSO2 Carbon initialization failed. (esbplay stand-in: the node exits with status 1 instead of staying up without serving)');
    await closeServers([...rt.passThrough, ...rt.servlet]);
    await rt.cluster?.stop();
    return 1;
  }
  return done;
}

function logEnvironment(log: CarbonLog, props: ReadonlyMap<string, string>, carbonHome: string): void {
  const p = (k: string) => props.get(k) ?? '';
  log.info(LOGGERS.core, 'Starting WSO2 Carbon...');
  log.info(LOGGERS.core, `Operating System : ${p('os.name')} ${p('os.version')}, ${p('os.arch')}`);
  log.info(LOGGERS.core, `Java Home        : ${p('java.home')}`);
  log.info(LOGGERS.core, `Java Version     : ${p('java.version')}`);
  log.info(LOGGERS.core, `Java VM          : ${p('java.vm.name')} 25.402-b06,${p('java.vendor')}`);
  log.info(LOGGERS.core, `Carbon Home      : ${carbonHome}`);
  log.info(LOGGERS.core, `Java Temp Dir    : ${p('java.io.tmpdir')}`);
  log.info(LOGGERS.core, `User             : ${p('user.name')}, en-US, ${Intl.DateTimeFormat().resolvedOptions().timeZone}`);
}

async function startNode(rt: Runtime, jvm: JvmInvocation, props: Map<string, string>, carbonHome: string, started: number): Promise<void> {
  const { log, knobs } = rt;
  mkdirSync(props.get('java.io.tmpdir') ?? path.join(carbonHome, 'tmp'), { recursive: true });
  logEnvironment(log, props, carbonHome);
  const confDir = path.join(carbonHome, 'repository', 'conf');
  const trees = readConfFiles(confDir);
  const serverParam = children(trees.axis2, 'parameter').find((x) => x.attrs.get('name') === 'server')?.text.trim() ?? '';
  const version = /(\d+\.\d+\.\d+)/.exec(serverParam)?.[1] ?? 'unknown';
  rt.product = `WSO2 Enterprise Service Bus-${version}`;
  log.info(LOGGERS.core, `esbplay stand-in of WSO2 Enterprise Service Bus ${version}: not the WSO2 product (see STANDIN.txt)`);
  const config = readNodeConfig(trees, props);
  const data = readDataConfig(trees, props);
  const workerNode = isTrue(props, 'workerNode');
  const open = await openAllDataSources(data.datasources, carbonHome, knobs.hostsFile, knobs.dbConnectTimeoutMs);
  try {
    await prepareSchemas(data, open, { setup: props.has('setup'), scriptFile: path.join(carbonHome, 'dbscripts', 'mysql.sql'), log });
  } finally {
    closeDataSources(open);
  }
  log.info(LOGGERS.userCore, 'User Manager Core bundle activated successfully.');
  await sleep(knobs.startDelayMs * 0.4);
  const sec = path.join(carbonHome, 'repository', 'resources', 'security');
  let tls: EndpointContext['tls'];
  try {
    tls = { key: readFileSync(path.join(sec, 'standin-carbon.key.pem')), cert: readFileSync(path.join(sec, 'standin-carbon.crt.pem')) };
  } catch (e) {
    throw new StartupError(LOGGERS.core, 'Cannot read the server key store', [`java.io.FileNotFoundException: ${(e as Error).message}`]);
  }
  rt.proxies = new ProxyDeployer(path.join(carbonHome, 'repository', 'deployment', 'server', 'synapse-configs', 'default', 'proxy-services'), config.deploymentIntervalSec, log);
  const ctx: EndpointContext = {
    config, workerNode, product: rt.product, log, proxies: rt.proxies, tls,
    describeNode: () => describeNode(rt, config, workerNode, carbonHome),
  };
  rt.servlet = await startServletConnectors(ctx);
  if (rt.stopping) return;
  await startClustering(rt, config);
  if (rt.stopping) return;
  rt.proxies.start();
  await sleep(knobs.startDelayMs * 0.6);
  if (rt.stopping) return;
  rt.passThrough = await startPassThroughListeners(ctx);
  log.info(LOGGERS.startup, `Server           :  ${rt.product}`);
  log.info(LOGGERS.startup, `WSO2 Carbon started in ${Math.round((Date.now() - started) / 1000)} sec`);
  if (!workerNode) log.info(LOGGERS.ui, `Mgt Console URL  : https://${config.mgtHostName}:${config.servletHttps.port}/carbon/`);
}

async function startClustering(rt: Runtime, config: NodeConfig): Promise<void> {
  const c = config.cluster;
  if (!c.enabled) {
    rt.log.info(LOGGERS.clusterBuilder, 'Clustering has been disabled');
    return;
  }
  if (c.scheme !== 'wka') {
    rt.log.warn(LOGGERS.hazelcast, `Membership scheme '${c.scheme}' is not supported by the esbplay stand-in (only wka): this node runs without clustering`);
    return;
  }
  rt.cluster = new ClusterMember(c, { http: config.http.port, https: config.https.port }, rt.knobs, rt.log);
  await rt.cluster.start();
}

function describeNode(rt: Runtime, config: NodeConfig, workerNode: boolean, carbonHome: string): Record<string, unknown> {
  const c = config.cluster;
  return {
    node: {
      hostName: config.hostName,
      host: os.hostname(),
      mgtHostName: config.mgtHostName,
      localMemberHost: c.localMemberHost,
      localMemberPort: c.localMemberPort,
      uuid: rt.cluster?.self.uuid ?? null,
      pid: process.pid,
      carbonHome,
      portOffset: config.offset,
    },
    product: rt.product,
    standin: true,
    subDomain: c.subDomain ?? null,
    workerNode,
    clustering: { enabled: c.enabled && c.scheme === 'wka', domain: c.domain },
    members: (rt.cluster?.members() ?? []).map((m) => ({ uuid: m.uuid, host: m.host, port: m.port, subDomain: m.subDomain ?? null })),
  };
}

/** The JVM's shutdown hook: transports stop first, the node leaves the cluster, the process exits seconds later. */
async function shutdown(rt: Runtime): Promise<void> {
  if (rt.stopping) return;
  rt.stopping = true;
  const { log } = rt;
  log.info(LOGGERS.serverManager, 'Shutdown hook triggered....');
  log.info(LOGGERS.serverManager, `Gracefully shutting down ${rt.product.replace(/-[\d.]+$/, '')}...`);
  log.info(LOGGERS.serverManagement, 'Starting to switch to maintenance mode...');
  await closeServers(rt.passThrough);
  log.info(LOGGERS.serverManagement, 'Stopped all transport listeners');
  log.info(LOGGERS.serverManagement, 'Waiting for request service completion...');
  await sleep(rt.knobs.stopDelayMs / 2);
  log.info(LOGGERS.serverManagement, 'All requests have been served.');
  rt.proxies?.stop();
  await rt.cluster?.stop();
  log.info(LOGGERS.serverManagement, 'Stopping Tomcat server');
  await closeServers(rt.servlet);
  await sleep(rt.knobs.stopDelayMs / 2);
  log.info(LOGGERS.serverManager, 'Shutting down OSGi framework...');
  log.info(LOGGERS.serverManager, 'Stopping CarbonServerManager...');
  log.info(LOGGERS.serverManager, 'Shutdown complete');
  log.info(LOGGERS.serverManager, 'Halting JVM');
}

