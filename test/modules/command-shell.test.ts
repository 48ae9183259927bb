// command and shell: the tables in cases/command.yaml and cases/shell.yaml.

import { commandModule } from '../../src/modules/command.js';
import { shellModule } from '../../src/modules/shell.js';
import { defineCaseSuite } from './run-cases.js';

defineCaseSuite(commandModule, 'command.yaml');
defineCaseSuite(shellModule, 'shell.yaml');
