// Every differential case, by area.

import type { CompatCase } from '../case-types.js';
import { BLOCK_CASES } from './blocks.js';
import { COMMAND_CASES } from './commands.js';
import { DELIBERATE_CASES } from './deliberate.js';
import { ENGINE_KEYWORD_CASES } from './engine-keywords.js';
import { FILE_CASES } from './files.js';
import { FLOW_CASES } from './flow.js';
import { HANDLER_CASES } from './handlers.js';
import { INCLUDE_CASES } from './includes.js';
import { LOOP_CASES } from './loops.js';
import { MORE_CASES } from './more.js';
import { OUTPUT_CASES } from './output.js';
import { ROLE_CASES } from './roles.js';
import { TAG_CASES } from './tags.js';
import { TEMPLATE_CASES } from './templates.js';
import { VAR_CASES } from './vars.js';

export const ALL_CASES: readonly CompatCase[] = [
  ...FILE_CASES, ...VAR_CASES, ...LOOP_CASES, ...FLOW_CASES, ...HANDLER_CASES, ...BLOCK_CASES,
  ...INCLUDE_CASES, ...ROLE_CASES, ...TAG_CASES, ...OUTPUT_CASES, ...COMMAND_CASES, ...TEMPLATE_CASES, ...MORE_CASES,
  ...ENGINE_KEYWORD_CASES, ...DELIBERATE_CASES,
];
