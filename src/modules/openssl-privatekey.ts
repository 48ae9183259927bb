// The openssl_privatekey module: an unencrypted RSA (>= 2048) or ECDSA key generated on the host, 0600, never shown.

import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Change, ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { planAttrChanges } from './file-common.js';
import { fileArgs, installGenerated, readPemFile, type PemFile } from './openssl-files.js';
import type { Mode } from './symbolic-mode.js';

export interface PrivateKeyArgs {
  path: string;
  type: 'RSA' | 'ECC';
  size: number;
  curve: 'secp256r1' | 'secp384r1' | 'secp521r1';
  state: 'present' | 'absent';
  force: boolean;
  regenerate: 'never' | 'fail' | 'partial_idempotence' | 'full_idempotence' | 'always';
  mode: Mode;
  owner?: string;
  group?: string;
}

/** community.crypto curve names -> OpenSSL's */
const CURVES = { secp256r1: 'prime256v1', secp384r1: 'secp384r1', secp521r1: 'secp521r1' } as const;

/** What the key on the host is (never its bytes). */
export interface KeyInfo {
  readonly type: 'RSA' | 'ECC' | string;
  readonly size?: number;
  readonly curve?: string;
  /** sha256 of the public key (DER SubjectPublicKeyInfo), colon-separated */
  readonly fingerprint: string;
}

export interface PrivateKeyState {
  readonly file: PemFile;
  readonly key?: KeyInfo;
  /** why the existing file is not a usable key */
  readonly invalid?: string;
}

/** Parses a PEM private key; an encrypted or broken key gives `invalid`. */
export function describeKey(pem: Buffer): { key?: KeyInfo; object?: KeyObject; invalid?: string } {
  try {
    const object = createPrivateKey({ key: pem, format: 'pem' });
    const d = object.asymmetricKeyDetails ?? {};
    const t = object.asymmetricKeyType;
    const curveName = Object.entries(CURVES).find(([, o]) => o === d.namedCurve)?.[0] ?? d.namedCurve;
    const der = createPublicKey(object).export({ type: 'spki', format: 'der' });
    const fingerprint = createHash('sha256').update(der).digest('hex').match(/../g)!.join(':');
    return { object, key: { type: t === 'rsa' ? 'RSA' : t === 'ec' ? 'ECC' : String(t), size: d.modulusLength, curve: curveName, fingerprint } };
  } catch (e) {
    const encrypted = /passphrase|encrypted|interrupted or cancelled/i.test((e as Error).message) || /ENCRYPTED/.test(pem.toString('latin1', 0, 200));
    return { invalid: encrypted ? 'the key is encrypted (a deployed key must have no passphrase)' : 'not a readable PEM private key' };
  }
}

export const openSslPrivateKeyModule = {
  name: 'openssl_privatekey',
  summary: 'Generate an unencrypted RSA or ECDSA private key on the host (mode 0600) when missing or not the wanted kind; the key never appears in output.',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', required: true, description: 'Where the key is (PEM).' },
      type: { type: 'str', default: 'RSA', choices: ['RSA', 'ECC'], description: 'Key algorithm.' },
      size: { type: 'int', default: 4096, description: 'RSA modulus bits; at least 2048.' },
      curve: { type: 'str', default: 'secp384r1', choices: Object.keys(CURVES), description: 'ECC curve (community.crypto names; secp256r1 is P-256).' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: '`absent` removes the key file.' },
      force: { type: 'bool', default: false, description: 'Generate a new key even when the current one is fine.' },
      regenerate: { type: 'str', default: 'full_idempotence', choices: ['never', 'fail', 'partial_idempotence', 'full_idempotence', 'always'], description: 'When an existing key is unreadable or of another type/size/curve: `full_idempotence`/`partial_idempotence` replace it, `fail` fails the task, `never` keeps it. `always` regenerates on every run. A missing key is always generated.' },
      ...fileArgs(0o600, 'key file'),
    },
  },

  async gather(ctx: ReadContext, args: PrivateKeyArgs): Promise<PrivateKeyState> {
    const file = await readPemFile(ctx, 'openssl_privatekey', args.path);
    if (!file.content) return { file };
    const d = describeKey(file.content);
    return { file, key: d.key, invalid: d.invalid };
  },

  plan(args: PrivateKeyArgs, cur: PrivateKeyState): Plan {
    if (args.type === 'RSA' && args.size < 2048) return failPlan(`size ${args.size} is too small: RSA keys must have at least 2048 bits`);
    const { file } = cur;
    if (file.stat.exists && file.stat.type !== 'file') return failPlan(`${args.path} exists and is not a regular file`);
    const result: Record<string, unknown> = { filename: args.path, type: args.type, ...(args.type === 'RSA' ? { size: args.size } : { curve: args.curve }) };
    if (args.state === 'absent') {
      if (!file.stat.exists) return { changes: [], result, noopReason: `${args.path} does not exist` };
      return { changes: [{ kind: 'exec', argv: ['rm', '-f', '--', args.path], summary: `remove ${args.path}` }], result };
    }
    const reasons = regenerateReasons(args, cur);
    if (reasons.length > 0 && cur.file.stat.exists && args.regenerate === 'fail' && !args.force) {
      return failPlan(`${args.path} would be regenerated (${reasons.join('; ')}) but regenerate is 'fail'`, result);
    }
    const keep = reasons.length > 0 && cur.file.stat.exists && args.regenerate === 'never' && !args.force;
    if (reasons.length > 0 && !keep) {
      const change: Change = {
        kind: 'custom',
        summary: `generate ${args.type === 'RSA' ? `RSA ${args.size}` : `ECC ${args.curve}`} key ${args.path} (${reasons.join('; ')})`,
        diff: { before: cur.key ? describe(cur.key) : cur.file.stat.exists ? `${cur.invalid}\n` : 'absent\n', after: `${args.type === 'RSA' ? `RSA ${args.size} bits` : `ECC ${args.curve}`} (new key)\n`, beforeHeader: args.path, afterHeader: args.path },
        async apply(ctx) {
          await installGenerated(ctx, args.path, args, (tmp) => genpkeyArgv(args, tmp));
          const again = await ctx.conn.readFile(args.path, { become: ctx.become });
          const fingerprint = again ? describeKey(again).key?.fingerprint : undefined;
          return fingerprint ? { fingerprint: { sha256: fingerprint } } : {};
        },
      };
      return { changes: [change], result: { ...result, regenerated_because: reasons } };
    }
    const info = cur.key ? { type: cur.key.type, size: cur.key.size, curve: cur.key.curve, fingerprint: { sha256: cur.key.fingerprint } } : {};
    const attrs = planAttrChanges(args.path, file.stat, args);
    if (attrs.length > 0) return { changes: attrs, result: { ...result, ...info } };
    return { changes: [], result: { ...result, ...info }, noopReason: keep ? `${args.path} kept (regenerate: never): ${reasons.join('; ')}` : `${args.path} is already the wanted key (${describe(cur.key!).trim()})` };
  },
} satisfies ModuleDefinition<PrivateKeyArgs, PrivateKeyState>;

function describe(k: KeyInfo): string {
  return `${k.type}${k.size ? ` ${k.size} bits` : ''}${k.curve && k.type === 'ECC' ? ` ${k.curve}` : ''}\n`;
}

function regenerateReasons(args: PrivateKeyArgs, cur: PrivateKeyState): string[] {
  if (!cur.file.stat.exists) return ['missing'];
  if (args.force) return ['force'];
  if (args.regenerate === 'always') return ['regenerate: always'];
  if (!cur.key) return [cur.invalid ?? 'unreadable'];
  if (cur.key.type !== args.type) return [`${cur.key.type} key, ${args.type} wanted`];
  if (args.type === 'RSA' && cur.key.size !== args.size) return [`${cur.key.size} bits, ${args.size} wanted`];
  if (args.type === 'ECC' && cur.key.curve !== args.curve) return [`curve ${cur.key.curve}, ${args.curve} wanted`];
  return [];
}

function genpkeyArgv(args: PrivateKeyArgs, out: string): string[] {
  const algo = args.type === 'RSA'
    ? ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${args.size}`]
    : ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${CURVES[args.curve]}`, '-pkeyopt', 'ec_param_enc:named_curve'];
  return ['openssl', 'genpkey', ...algo, '-out', out];
}
