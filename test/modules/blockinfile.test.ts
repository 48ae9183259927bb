// blockinfile: the table of cases in cases/blockinfile.yaml.

import { blockinfileModule } from '../../src/modules/blockinfile.js';
import { defineCaseSuite } from './run-cases.js';

defineCaseSuite(blockinfileModule, 'blockinfile.yaml');
