// A value edit that creates its leaf writes the same bytes as creating the leaf first and setting the value after.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { editXmlBytes, XmlEditError, type XmlEdit } from '../../src/xml/index.js';
import { STOCK_FILES } from '../stock-files.js';

const CONF = path.join(STOCK_FILES, '5.0.0', 'repository', 'conf');
const DS = "/datasources-configuration/datasources/datasource[name='WSO2_SHARED_DB']";
const RI = "/wso2registry/remoteInstance[@url='https://localhost:9443/registry']";

const cases: { file: string; edit: XmlEdit }[] = [
  { file: 'datasources/master-datasources.xml', edit: { xpath: `${DS}/description`, value: 'shared & <registry>' } },
  {
    file: 'datasources/master-datasources.xml',
    edit: { xpath: `${DS}/definition[@type='RDBMS']/configuration/url`, value: 'jdbc:mysql://db:3306/reg?useSSL=false' },
  },
  { file: 'datasources/master-datasources.xml', edit: { xpath: `${DS}/jndiConfig/name`, value: '' } },
  { file: 'datasources/master-datasources.xml', edit: { xpath: `${DS}/definition/@type`, value: 'RDBMS "x"' } },
  { file: 'registry.xml', edit: { xpath: `${RI}/id`, value: 'instanceid' } },
  { file: 'registry.xml', edit: { xpath: RI, attribute: 'cacheId', value: "u@jdbc:'x'" } },
  { file: 'registry.xml', edit: { xpath: RI, attribute: 'readOnly' } },
  { file: 'registry.xml', edit: { xpath: '/wso2registry/indexingConfiguration/@enabled', value: 'true' } },
  { file: 'carbon.xml', edit: { xpath: '/Server/HostName', value: 'esb.example.org' } },
  { file: 'carbon.xml', edit: { xpath: '/Server/Ports/NewPort/Offset', value: '2' } },
  {
    file: 'axis2/axis2.xml',
    edit: { xpath: "/axisconfig/transportReceiver[@name='http']/parameter[@name='WSDLEPRPrefix']", value: 'https://esb:8243' },
  },
  { file: 'axis2/axis2.xml', edit: { xpath: '/axisconfig/clustering/newThing[kid="a"]', value: 'has children' } },
];

/** The old way, in two steps: create the node with a bare edit (no value, no attribute), then run the edit on what now exists. */
function inTwoSteps(bytes: Buffer, file: string, e: XmlEdit): Buffer | string {
  try {
    const created = editXmlBytes(bytes, file, [{ xpath: e.xpath }]).bytes;
    return editXmlBytes(created, file, [e]).bytes;
  } catch (err) {
    if (err instanceof XmlEditError) return err.message;
    throw err;
  }
}

function inOne(bytes: Buffer, file: string, e: XmlEdit): Buffer | string {
  try {
    return editXmlBytes(bytes, file, [e]).bytes;
  } catch (err) {
    if (err instanceof XmlEditError) return err.message;
    throw err;
  }
}

describe('xml: creating a leaf with its value', () => {
  for (const { file, edit } of cases) {
    it(`${file}: ${edit.xpath}${edit.attribute ? ` @${edit.attribute}` : ''} = ${JSON.stringify(edit.value)}`, () => {
      const bytes = readFileSync(path.join(CONF, file));
      const one = inOne(bytes, file, edit);
      const two = inTwoSteps(bytes, file, edit);
      if (typeof two === 'string') assert.equal(one, two);
      else {
        assert.ok(Buffer.isBuffer(one), `one step failed: ${String(one)}`);
        assert.ok(!one.equals(bytes), 'the edit changes the file');
        assert.equal(one.toString('utf8'), two.toString('utf8'));
      }
    });
  }
});
