// Carbon 4.4's log4j output: repository/logs/wso2carbon.log (TID layout, appended) and the console layout on stdout.

import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Level = 'INFO' | 'WARN' | 'ERROR' | 'DEBUG';

/** Well-known Carbon/Synapse logger names, so call sites stay short. */
export const LOGGERS = {
  core: 'org.wso2.carbon.core.internal.CarbonCoreActivator',
  startup: 'org.wso2.carbon.core.internal.StartupFinalizerServiceComponent',
  ui: 'org.wso2.carbon.ui.internal.CarbonUIServiceComponent',
  serverManager: 'org.wso2.carbon.core.init.CarbonServerManager',
  serverManagement: 'org.wso2.carbon.core.ServerManagement',
  config: 'org.wso2.carbon.base.ServerConfiguration',
  clusterBuilder: 'org.apache.axis2.deployment.ClusterBuilder',
  hazelcast: 'org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent',
  memberUtils: 'org.wso2.carbon.core.clustering.hazelcast.util.MemberUtils',
  wka: 'org.wso2.carbon.core.clustering.hazelcast.wka.WKABasedMembershipScheme',
  tcpJoiner: 'com.hazelcast.cluster.impl.TcpIpJoiner',
  httpListener: 'org.apache.synapse.transport.passthru.PassThroughHttpListener',
  httpsListener: 'org.apache.synapse.transport.passthru.PassThroughHttpSSLListener',
  ioReactor: 'org.apache.synapse.transport.passthru.core.PassThroughListeningIOReactorManager',
  tomcat: 'org.apache.catalina.core.StandardService',
  datasources: 'org.wso2.carbon.ndatasource.core.DataSourceRepository',
  rdbms: 'org.wso2.carbon.ndatasource.rdbms.RDBMSDataSource',
  dbCreator: 'org.wso2.carbon.utils.dbcreator.DatabaseCreator',
  registry: 'org.wso2.carbon.registry.core.internal.RegistryCoreServiceComponent',
  embeddedRegistry: 'org.wso2.carbon.registry.core.jdbc.EmbeddedRegistryService',
  userCore: 'org.wso2.carbon.user.core.internal.Activator',
  proxyDeployer: 'org.apache.synapse.deployers.ProxyServiceDeployer',
  logMediator: 'org.apache.synapse.mediators.builtin.LogMediator',
} as const;

function timestamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}

export class CarbonLog {
  readonly file: string;

  constructor(carbonHome: string, private readonly console = true) {
    this.file = path.join(carbonHome, 'repository', 'logs', 'wso2carbon.log');
    mkdirSync(path.dirname(this.file), { recursive: true });
  }

  /** One log event; `detail` lines (an exception and its causes) follow it as log4j prints a throwable. */
  write(level: Level, logger: string, message: string, detail: readonly string[] = []): void {
    const ts = timestamp();
    const lvl = level.padStart(5);
    const extra = detail.map((l) => `${l}\n`).join('');
    // appendFileSync: the line is on disk before a failing start exits
    appendFileSync(this.file, `TID: [-1234] [] [${ts}] ${lvl} {${logger}} -  ${message} {${logger}}\n${extra}`);
    if (this.console) process.stdout.write(`[${ts}] ${lvl} {${logger}} -  ${message}\n${extra}`);
  }

  info(logger: string, message: string): void {
    this.write('INFO', logger, message);
  }

  warn(logger: string, message: string, detail: readonly string[] = []): void {
    this.write('WARN', logger, message, detail);
  }

  error(logger: string, message: string, detail: readonly string[] = []): void {
    this.write('ERROR', logger, message, detail);
  }
}
