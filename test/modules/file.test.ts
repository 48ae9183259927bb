// file: the table of cases in cases/file.yaml.

import { fileModule } from '../../src/modules/file.js';
import { defineCaseSuite } from './run-cases.js';

defineCaseSuite(fileModule, 'file.yaml');
