// The `template` module: render a mustache template on the controller and write it to the host.

import { readControllerFile } from '../vault/scope.js';
import { decodeInput, encodeAs } from '../loader/text-input.js';
import { posix } from 'node:path';
import type { ModuleDefinition } from './types.js';
import { CONTENT_DEST_ARGS, gatherDest, planDestWrite, type ContentDestArgs, type DestState } from './content-dest.js';

export interface TemplateArgs extends ContentDestArgs {
  src: string;
  newline_sequence: '\n' | '\r\n' | '\r';
}

export interface TemplateState {
  readonly dest: DestState;
  readonly rendered: Buffer;
  readonly srcPath: string;
  readonly vaulted: boolean;
}

export const templateModule = {
  name: 'template',
  summary: 'Render a template (strict mustache) with the host\'s variables and write it to the host.',
  checkMode: 'full',
  schema: {
    args: {
      src: {
        type: 'path',
        required: true,
        description: "The template, looked up in the role's and playbook's `templates/` directories (or an absolute controller path). Mustache without HTML escaping; an undefined variable fails with file:line.",
      },
      ...CONTENT_DEST_ARGS,
      newline_sequence: {
        type: 'str',
        default: '\n',
        choices: ['\n', '\r\n', '\r'],
        description: 'Line separator of the written file; every line ending of the rendered text is converted to it.',
      },
    },
  },

  async gather(ctx, args) {
    const srcPath = ctx.findFile('templates', args.src);
    // a vault-encrypted template is decrypted like Ansible does; its output is then secret as a whole
    const { data, vaulted } = readControllerFile(srcPath);
    // decoded as declared (XML declaration) or strictly UTF-8, and written back in that encoding
    const source = decodeInput(data, srcPath, { xmlDeclaration: true });
    let rendered = ctx.renderTemplate(source.text, srcPath);
    if (args.newline_sequence !== '\n' || rendered.includes('\r')) rendered = rendered.replace(/\r\n|\r|\n/g, args.newline_sequence);
    const dest = await gatherDest(ctx, 'template', args.dest, posix.basename(args.src));
    return { dest, rendered: encodeAs(rendered, source.encoding, srcPath), srcPath, vaulted };
  },

  plan(args, current, ctx) {
    const plan = planDestWrite(current.dest, current.rendered, args, ctx.checkMode, current.vaulted);
    return { ...plan, result: { ...plan.result, src: current.srcPath } };
  },
} as const satisfies ModuleDefinition<TemplateArgs, TemplateState>;
