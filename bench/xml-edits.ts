// Benchmark: XPath edits per second on the stock ESB 4.9.0 axis2.xml (run: node --import tsx bench/xml-edits.ts).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editXmlBytes, type XmlEdit } from '../src/xml/index.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/fixtures/wso2-esb/4.9.0/repository/conf/axis2/axis2.xml');
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

function measure(label: string, edits: readonly XmlEdit[], input: Buffer, minMs = 2000): void {
  for (let i = 0; i < 5; i++) editXmlBytes(input, 'axis2.xml', edits); // warm-up
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    editXmlBytes(input, 'axis2.xml', edits);
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const perTask = elapsed / runs;
  const perSec = (runs * edits.length) / (elapsed / 1000);
  console.log(`${label.padEnd(52)} ${perSec.toFixed(0).padStart(6)} edits/s  (${perTask.toFixed(2)} ms per task of ${edits.length} edit(s), ${runs} runs)`);
}

console.log(`axis2.xml: ${bytes.length} bytes, node ${process.version}`);
measure('one value edit (changes the file)', [worker[2]!], bytes);
measure('one value edit already in place (no-op)', [worker[1]!], bytes);
measure('guide worker config, 9 edits in one task', worker, bytes);
const configured = editXmlBytes(bytes, 'axis2.xml', worker).bytes;
measure('guide worker config on a configured file (no-op)', worker, configured);
