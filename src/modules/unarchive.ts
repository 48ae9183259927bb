// The unarchive module: unpack a .zip/.tar(.gz|.bz2|.xz) from the controller or the host into a directory on the host.

import { promises as fs } from 'node:fs';
import { runChild } from '../connection/local.js';
import { TaskFailure } from '../errors.js';
import type { ApplyContext, ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import {
  buildExtractArgv, buildListArgv, detectFormat, findDifferences, FIND_FORMAT, parseDestListing, parseListing, readStripComponents,
  type ArchiveFormat, type Member,
} from './unarchive-format.js';
import type { Mode } from './symbolic-mode.js';

export interface UnarchiveArgs {
  src: string;
  dest: string;
  remote_src: boolean;
  creates?: string;
  owner?: string;
  group?: string;
  mode?: Mode;
  extra_opts: string[];
  list_files: boolean;
}

export interface UnarchiveState {
  readonly error?: string;
  readonly createsExists?: boolean;
  /** where the archive is: a controller path, or a host path with remote_src */
  readonly archive?: string;
  readonly format?: ArchiveFormat;
  readonly members?: readonly Member[];
  readonly differences?: readonly string[];
}

const C_LOCALE = { LC_ALL: 'C' };
// first bytes of a host file for format detection; the path arrives as $1
const HEAD_SCRIPT = 'head -c 512 -- "$1" | base64';

export const unarchiveModule = {
  name: 'unarchive',
  summary: 'Unpack a .zip or .tar(.gz|.bz2|.xz) archive from the controller (or the host with remote_src) into an existing directory on the host.',
  checkMode: 'full',
  schema: {
    args: {
      src: { type: 'path', required: true, description: "the archive: a controller file found in the role's files/ (or a host path with remote_src: true)" },
      dest: { type: 'path', required: true, description: 'existing directory on the host to unpack into' },
      remote_src: { type: 'bool', default: false, description: 'src is already on the host' },
      creates: { type: 'path', description: 'a path on the host; when it exists nothing is unpacked (fast idempotence for big archives)' },
      owner: { type: 'str', description: 'owner of every unpacked entry' },
      group: { type: 'str', description: 'group of every unpacked entry' },
      mode: { type: 'mode', description: "mode of every unpacked entry (links excluded): octal, or symbolic applied to each entry's own bits" },
      extra_opts: { type: 'list', elements: 'str', default: [], description: 'extra tar/unzip options, e.g. --strip-components=1' },
      list_files: { type: 'bool', default: false, description: 'add the archive entries as `files` to the result' },
    },
  },

  async gather(ctx: ReadContext, args: UnarchiveArgs): Promise<UnarchiveState> {
    if (!ctx.conn) throw new Error('unarchive needs a connection to the host');
    const conn = ctx.conn;
    const become = ctx.become;
    const dest = await conn.stat(args.dest, { become });
    if (!dest.exists || (dest.type !== 'directory' && dest.type !== 'symlink')) return { error: `dest ${args.dest} does not exist on ${conn.host} or is not a directory (create it first, e.g. with file: state=directory)` };
    if (args.creates !== undefined && (await conn.stat(args.creates, { become })).exists) return { createsExists: true };
    let archive: string;
    let head: Buffer;
    if (args.remote_src) {
      archive = args.src;
      const r = await conn.exec(['sh', '-c', HEAD_SCRIPT, 'sh', archive], { become });
      if (r.exitCode !== 0 || !(await conn.stat(archive, { become })).exists) return { error: `src ${archive} does not exist on ${conn.host}` };
      head = Buffer.from(r.stdout.replace(/\s+/g, ''), 'base64');
    } else {
      archive = ctx.findFile('files', args.src);
      head = await readControllerHead(archive);
    }
    const format = detectFormat(head);
    if (!format) return { error: `cannot tell the archive format of ${archive} (supported: zip, tar, tar.gz, tar.bz2, tar.xz)` };
    const listArgv = buildListArgv(format, archive);
    const listing = args.remote_src ? await conn.exec(listArgv, { become, env: C_LOCALE }) : await runChild(listArgv, { env: C_LOCALE });
    if (listing.exitCode !== 0) return { error: describeToolFailure(listing, args.remote_src ? conn.host : 'the controller', `cannot list ${archive}`) };
    const members = parseListing(format, listing.stdout, readStripComponents(args.extra_opts));
    const found = await conn.exec(['find', args.dest, '-mindepth', '1', '-printf', FIND_FORMAT], { become });
    if (found.exitCode !== 0) return { error: `cannot list ${args.dest} on ${conn.host}: ${found.stderr.trim()}` };
    const differences = findDifferences(members, parseDestListing(found.stdout), args);
    return { archive, format, members, differences };
  },

  plan(args: UnarchiveArgs, cur: UnarchiveState): Plan {
    if (cur.error) return failPlan(cur.error);
    if (cur.createsExists) return { changes: [], noopReason: `${args.creates} exists (creates)`, result: { dest: args.dest, src: args.src } };
    const { archive, format, members, differences } = cur as Required<UnarchiveState>;
    const result: Record<string, unknown> = { dest: args.dest, src: args.src, ...(args.list_files ? { files: members.map((m) => m.path) } : {}) };
    if (differences.length === 0) {
      return { changes: [], result, noopReason: `all ${members.length} entries of ${args.src} are already in ${args.dest}` };
    }
    const sample = differences.slice(0, 5).join(', ') + (differences.length > 5 ? `, ... (${differences.length - 5} more)` : '');
    return {
      result,
      changes: [{
        kind: 'custom',
        summary: `unpack ${args.src} into ${args.dest}: ${differences.length} of ${members.length} entries missing or different`,
        diff: { before: `${sample}\n`, after: `${members.length} entries from ${args.src}\n`, beforeHeader: `${args.dest} (before)`, afterHeader: `${args.dest} (after)` },
        apply: (actx) => extractArchive(actx, args, archive, format, members),
      }],
    };
  },
} satisfies ModuleDefinition<UnarchiveArgs, UnarchiveState>;

async function readControllerHead(file: string): Promise<Buffer> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Uploads the archive (unless remote_src), unpacks it with tar/unzip on the host, applies owner/group/mode. */
async function extractArchive(ctx: ApplyContext, args: UnarchiveArgs, archive: string, format: ArchiveFormat, members: readonly Member[]): Promise<Record<string, unknown>> {
  const { conn, become } = ctx;
  const run = async (argv: string[], what: string) => {
    const r = await conn.exec(argv, { become, env: C_LOCALE });
    if (r.exitCode !== 0) throw new TaskFailure(describeToolFailure(r, conn.host, what), { rc: r.exitCode, stderr: r.stderr });
  };
  let hostArchive = archive;
  let tmp: string | undefined;
  try {
    if (!args.remote_src) {
      const made = await conn.exec(['mktemp', '-t', 'esbplay-unarchive.XXXXXXXX'], { become });
      if (made.exitCode !== 0) throw new TaskFailure(`cannot make a temp file on ${conn.host}: ${made.stderr.trim()}`);
      tmp = hostArchive = made.stdout.trim();
      await conn.writeFile(tmp, await fs.readFile(archive), { mode: 0o600, become });
    }
    await run(buildExtractArgv(format, hostArchive, args.dest, args.extra_opts), `cannot unpack ${args.src} into ${args.dest}`);
    const base = args.dest.replace(/\/+$/, '');
    const owner = args.owner !== undefined || args.group !== undefined ? `${args.owner ?? ''}${args.group !== undefined ? `:${args.group}` : ''}` : undefined;
    // chown -h changes links themselves; chmod would follow them, so links keep their mode
    if (owner) await runInBatches(members, `${base}/`, (batch) => run(['chown', '-h', '--', owner, ...batch], `cannot set owner ${owner}`));
    const mode = args.mode;
    // a symbolic mode is applied by chmod to each entry's own bits
    const modeArg = typeof mode === 'number' ? mode.toString(8) : mode;
    if (modeArg !== undefined) await runInBatches(members.filter((m) => m.type !== 'link'), `${base}/`, (batch) => run(['chmod', '--', modeArg, ...batch], `cannot set mode ${modeArg}`));
  } finally {
    if (tmp) await conn.exec(['rm', '-f', '--', tmp], { become });
  }
  return { extracted: members.length };
}

async function runInBatches(members: readonly Member[], prefix: string, each: (batch: string[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < members.length; i += 200) await each(members.slice(i, i + 200).map((m) => prefix + m.path));
}

function describeToolFailure(r: { exitCode: number | null; stderr: string; argv: readonly string[] }, where: string, what: string): string {
  if (r.exitCode === 127) return `${what}: '${r.argv[0]}' is not installed on ${where} (Debian: apt-get install ${r.argv[0] === 'unzip' ? 'unzip' : 'tar'})`;
  return `${what} on ${where}: ${r.argv[0]} exited ${r.exitCode}: ${r.stderr.trim()}`;
}
