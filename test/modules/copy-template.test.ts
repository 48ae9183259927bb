// copy and template: the tables in cases/copy.yaml and cases/template.yaml.

import { copyModule } from '../../src/modules/copy.js';
import { templateModule } from '../../src/modules/template.js';
import { defineCaseSuite } from './run-cases.js';

defineCaseSuite(copyModule, 'copy.yaml');
defineCaseSuite(templateModule, 'template.yaml');
