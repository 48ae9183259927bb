// lineinfile: the table of cases in cases/lineinfile.yaml.

import { lineinfileModule } from '../../src/modules/lineinfile.js';
import { defineCaseSuite } from './run-cases.js';

defineCaseSuite(lineinfileModule, 'lineinfile.yaml');
