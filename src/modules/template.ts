// The `template` module: render a Jinja2 template on the controller (as Ansible does) and write it to the host.

import { readControllerFile } from '../vault/scope.js';
import { decodeInput, encodeAs } from '../loader/text-input.js';
import { posix } from 'node:path';
import { renderTemplateFile } from '../vars/render.js';
import type { ModuleDefinition } from './types.js';
import { CONTENT_DEST_ARGS, gatherDest, planDestWrite, type ContentDestArgs, type DestState } from './content-dest.js';

export interface TemplateArgs extends ContentDestArgs {
  src: string;
  newline_sequence: '\n' | '\r\n' | '\r';
  trim_blocks: boolean;
  lstrip_blocks: boolean;
}

export interface TemplateState {
  readonly dest: DestState;
  readonly rendered: Buffer;
  readonly srcPath: string;
  readonly vaulted: boolean;
}

export const templateModule = {
  name: 'template',
  summary: 'Render a Jinja2 template with the host\'s variables and write it to the host.',
  checkMode: 'full',
  schema: {
    args: {
      src: {
        type: 'path',
        required: true,
        description: "The template, looked up in the role's and playbook's `templates/` directories (or an absolute controller path). Jinja2 as Ansible renders it (docs/expressions.md); mustache sections still work; an undefined variable fails with file:line:col.",
      },
      ...CONTENT_DEST_ARGS,
      newline_sequence: {
        type: 'str',
        default: '\n',
        choices: ['\n', '\r\n', '\r'],
        description: "Line separator of the template's own text in the written file (as Jinja's newline_sequence); line breaks inside values printed into it are kept.",
      },
      trim_blocks: {
        type: 'bool',
        default: true,
        description: 'Remove the first newline after a block tag (`{% ... %}`), as Ansible does by default.',
      },
      lstrip_blocks: {
        type: 'bool',
        default: false,
        description: 'Strip spaces and tabs from the start of a line up to a block tag, so indented `{% if %}` lines leave no blanks.',
      },
    },
  },

  async gather(ctx, args) {
    const srcPath = ctx.findFile('templates', args.src);
    // a vault-encrypted template is decrypted like Ansible does; its output is then secret as a whole
    const { data, vaulted } = readControllerFile(srcPath);
    // decoded as declared (XML declaration) or strictly UTF-8, and written back in that encoding
    const source = decodeInput(data, srcPath, { xmlDeclaration: true });
    const rendered = renderTemplateFile(source.text, ctx.vars, { file: srcPath }, { trimBlocks: args.trim_blocks, lstripBlocks: args.lstrip_blocks, newline: args.newline_sequence });
    const dest = await gatherDest(ctx, 'template', args.dest, posix.basename(args.src));
    return { dest, rendered: encodeAs(rendered, source.encoding, srcPath), srcPath, vaulted };
  },

  plan(args, current, ctx) {
    const plan = planDestWrite(current.dest, current.rendered, args, ctx.checkMode, current.vaulted);
    return { ...plan, result: { ...plan.result, src: current.srcPath } };
  },
} as const satisfies ModuleDefinition<TemplateArgs, TemplateState>;
