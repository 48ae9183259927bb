// Proxy services dropped into proxy-services/ are hot-deployed (DeploymentUpdateInterval), answer on 8280/8243 and log their log mediator.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fetchText } from './http-probe.js';
import { FAST, readLog, runServerScript, StandinBench, waitForLog } from './standin-node.js';

const PROXY = (name: string, transports: string) => `<?xml version="1.0" encoding="UTF-8"?>
<proxy xmlns="http://ws.apache.org/ns/synapse" name="${name}" transports="${transports}" startOnLoad="true">
   <target>
      <inSequence>
         <log level="custom">
            <property name="msg" value="${name} called"/>
         </log>
         <respond/>
      </inSequence>
   </target>
</proxy>
`;

describe('stand-in proxy services', function () {
  this.timeout(60_000);
  const bench = new StandinBench();
  let home: string;
  let address: string;
  let dir: string;

  before(async () => {
    await bench.setUp('proxy', 1);
    ({ home, address } = await bench.newNode());
    const carbonXml = path.join(home, 'repository/conf/carbon.xml');
    await fs.writeFile(carbonXml, (await fs.readFile(carbonXml, 'latin1')).replace('<DeploymentUpdateInterval>15</DeploymentUpdateInterval>', '<DeploymentUpdateInterval>1</DeploymentUpdateInterval>'), 'latin1');
    dir = path.join(home, 'repository/deployment/server/synapse-configs/default/proxy-services');
    await fs.writeFile(path.join(dir, 'AtStart.xml'), PROXY('AtStart', 'http https'));
    await runServerScript(home, bench.javaHome, ['start', '-DworkerNode=true'], { JAVA_OPTS: FAST });
    await waitForLog(home, /WSO2 Carbon started in/);
  });
  after(() => bench.tearDown());

  it('a proxy present at start is deployed before "started" and logs its log mediator line on each call', async () => {
    const log = await readLog(home);
    assert.ok(log.indexOf("ProxyService named 'AtStart' has been deployed") < log.indexOf('WSO2 Carbon started'));
    const r = await fetchText(`https://${address}:8243/services/AtStart`);
    assert.equal(r.status, 200);
    const body = JSON.parse(r.body);
    assert.equal(body.service, 'AtStart');
    assert.equal(body.workerNode, true);
    await waitForLog(home, /INFO \{org\.apache\.synapse\.mediators\.builtin\.LogMediator\} - {2}msg = AtStart called \{/);
  });

  it('a proxy dropped in later is hot-deployed; its transports are honoured; removing it undeploys it', async () => {
    assert.equal((await fetchText(`http://${address}:8280/services/Later`)).status, 404);
    await fs.writeFile(path.join(dir, 'Later.xml'), PROXY('Later', 'https'));
    await waitForLog(home, /ProxyService named 'Later' has been deployed from file : \S+Later\.xml/, 10_000);
    assert.equal((await fetchText(`https://${address}:8243/services/Later`)).status, 200);
    assert.equal((await fetchText(`http://${address}:8280/services/Later`)).status, 404, 'not exposed on http');
    await fs.rm(path.join(dir, 'Later.xml'));
    await waitForLog(home, /ProxyService named 'Later' has been undeployed/, 10_000);
    assert.equal((await fetchText(`https://${address}:8243/services/Later`)).status, 404);
  });

  it('a proxy file that is not well-formed fails its deployment with an ERROR line and the node keeps running', async () => {
    await fs.writeFile(path.join(dir, 'Broken.xml'), PROXY('Broken', 'http').replace('</target>', ''));
    await waitForLog(home, /ERROR \{org\.apache\.synapse\.deployers\.ProxyServiceDeployer\} - {2}ProxyService Deployment from the file : \S+Broken\.xml : Failed\./, 10_000);
    assert.equal((await fetchText(`http://${address}:8280/services/echo`)).status, 200);
  });
});
