// Benchmark: XPath edits per second (CPU) on the stock ESB 4.9.0 axis2.xml, computed and remembered (run: npm run bench:xml).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editXmlBytes, type XmlEdit } from '../src/xml/index.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../standin/wso2-esb/4.9.0/repository/conf/axis2/axis2.xml');
const bytes = readFileSync(file);
const C = '/axisconfig/clustering';

const worker: XmlEdit[] = [
  { xpath: C, attribute: 'enable', value: 'true' },
  { xpath: `${C}/parameter[@name='membershipScheme']`, value: 'wka' },
  { xpath: `${C}/parameter[@name='domain']`, value: 'wso2.esb.domain' },
  { xpath: `${C}/parameter[@name='localMemberHost']`, value: '192.168.56.12' },
  { xpath: `${C}/parameter[@name='localMemberPort']`, value: '4200' },
  { xpath: `${C}/parameter[@name='properties']/property[@name='subDomain']`, attribute: 'value', value: 'worker' },
  { xpath: `${C}/members`, setChildren: [{ member: { _: [{ hostName: '192.168.56.11' }, { port: '4100' }] } }, { member: { _: [{ hostName: '192.168.56.13' }, { port: '4300' }] } }] },
  { xpath: "/axisconfig/transportReceiver[@name='http']/parameter[@name='WSDLEPRPrefix' and @locked='false']", value: 'http://esb.wso2.com:80' },
  { xpath: "/axisconfig/transportReceiver[@name='https']/parameter[@name='WSDLEPRPrefix' and @locked='false']", value: 'https://esb.wso2.com:443' },
];

/**
 * Edits per second. editXmlBytes remembers results by input and edits (a cluster's nodes mostly
 * share files), so by default every run gets new bytes (a counter in a trailing comment) and the
 * work is really done; `remembered` measures the lookup of a result seen before.
 */
function measure(label: string, edits: readonly XmlEdit[], input: Buffer, remembered = false, minMs = 2000): void {
  let n = 0;
  const next = () => (remembered ? input : Buffer.concat([input, Buffer.from(`<!-- ${n++} -->\n`)]));
  for (let i = 0; i < 5; i++) editXmlBytes(next(), 'axis2.xml', edits); // warm-up
  let runs = 0;
  let elapsed = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  while (elapsed < minMs) {
    editXmlBytes(next(), 'axis2.xml', edits);
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const used = process.cpuUsage(cpu);
  const perTask = (used.user + used.system) / 1000 / runs;
  const perSec = (runs * edits.length) / ((used.user + used.system) / 1e6);
  console.log(`${label.padEnd(58)} ${perSec.toFixed(0).padStart(7)} edits/s  (${perTask.toFixed(3)} ms CPU per task of ${edits.length} edit(s), ${runs} runs)`);
}

console.log(`axis2.xml: ${bytes.length} bytes, node ${process.version}; CPU time (process.cpuUsage)`);
measure('one value edit (changes the file)', [worker[2]!], bytes);
measure('one value edit already in place (no-op)', [worker[1]!], bytes);
measure('guide worker config, 9 edits in one task', worker, bytes);
const configured = editXmlBytes(bytes, 'axis2.xml', worker).bytes;
measure('guide worker config on a configured file (no-op)', worker, configured);
measure('the same, remembered (identical file and edits seen before)', worker, configured, true);
