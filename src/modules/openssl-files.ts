// Shared by openssl_privatekey and x509_certificate: read a PEM file's state, and install a file openssl generates on the host.

import { posix } from 'node:path';
import type { FileStat } from '../connection/types.js';
import type { ApplyContext, ArgSpec, ReadContext } from './types.js';
import { formatMode, requireConn, type FileAttrs } from './file-common.js';

/** community.crypto's file arguments, with the mode each module defaults to. */
export function fileArgs(defaultMode: number, what: string) {
  return {
    mode: { type: 'mode', default: defaultMode, description: `Permission bits of the ${what} (default ${formatMode(defaultMode)}).` },
    owner: { type: 'str', description: `Owner of the ${what} (name or id); default: unchanged (the connecting or become user for a new file).` },
    group: { type: 'str', description: `Group of the ${what}; default: unchanged.` },
  } as const satisfies Record<string, ArgSpec>;
}

export interface PemFile {
  readonly stat: FileStat;
  /** the bytes; null when missing or not a regular file */
  readonly content: Buffer | null;
}

/** Stats and reads PATH with the task's become (a key readable only by root stays readable). */
export async function readPemFile(ctx: ReadContext, module: string, path: string): Promise<PemFile> {
  const conn = requireConn(ctx, module);
  const stat = await conn.stat(path, { become: ctx.become });
  const content = stat.exists && stat.type === 'file' ? await conn.readFile(path, { become: ctx.become }) : null;
  return { stat, content };
}

/**
 * Generates a file on the host without it ever being readable by others or half-written:
 * mktemp beside the target (0600), the generator writes into it, mode/owner are set, then mv over
 * the target. The temp file is removed when any step fails. Throws with the failing step's stderr.
 */
export async function installGenerated(ctx: ApplyContext, target: string, attrs: FileAttrs, generate: (tmp: string) => string[]): Promise<void> {
  const exec = (argv: string[]) => ctx.conn.exec(argv, { become: ctx.become });
  const dir = posix.dirname(target);
  const made = await exec(['mktemp', posix.join(dir, `.${posix.basename(target)}.esbplay-XXXXXXXX`)]);
  if (made.exitCode !== 0) throw new Error(`cannot create a temporary file in ${dir}: ${made.stderr.trim() || `exit ${made.exitCode}`}`);
  const tmp = made.stdout.trim();
  try {
    const steps: [string, string[]][] = [[`generating ${target}`, generate(tmp)]];
    const mode = attrs.mode === undefined ? undefined : typeof attrs.mode === 'number' ? formatMode(attrs.mode) : attrs.mode;
    if (mode !== undefined) steps.push([`chmod ${mode}`, ['chmod', mode, '--', tmp]]);
    if (attrs.owner !== undefined || attrs.group !== undefined) {
      const spec = `${attrs.owner ?? ''}${attrs.group !== undefined ? `:${attrs.group}` : ''}`;
      steps.push([`chown ${spec}`, ['chown', spec, '--', tmp]]);
    }
    steps.push([`moving the new file to ${target}`, ['mv', '-f', '--', tmp, target]]);
    for (const [what, argv] of steps) {
      const r = await exec(argv);
      if (r.exitCode !== 0) throw new Error(`${what} failed: ${lastLines(r.stderr) || `exit ${r.exitCode}`}`);
    }
  } catch (e) {
    await exec(['rm', '-f', '--', tmp]);
    throw e;
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').filter((l) => !/^[.+*]+$/.test(l.trim())).slice(-3).join(' ');
}
