// The x509_certificate module (provider selfsigned): a certificate that follows the host name, renewed on mismatch or near expiry.

import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import type { Change, ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { planAttrChanges } from './file-common.js';
import { fileArgs, installGenerated, readPemFile, type PemFile } from './openssl-files.js';
import { canonicalSans, parseNotAfter, subjectArg } from './x509-names.js';
import type { Mode } from './symbolic-mode.js';

export interface CertificateArgs {
  path: string;
  privatekey_path: string;
  provider: 'selfsigned';
  common_name: string;
  subject_alt_name?: string[];
  selfsigned_not_after: string;
  selfsigned_digest: string;
  remaining_days: number;
  force: boolean;
  state: 'present' | 'absent';
  mode: Mode;
  owner?: string;
  group?: string;
}

/** What the certificate on the host says. */
interface CertInfo {
  readonly commonName?: string;
  readonly sans: readonly string[];
  readonly notAfter: Date;
  readonly serial: string;
  readonly fingerprint: string;
  readonly matchesKey?: boolean;
}

export interface CertificateState {
  readonly file: PemFile;
  readonly cert?: CertInfo;
  readonly certInvalid?: boolean;
  readonly keyState: 'ok' | 'missing' | 'invalid';
  /** the controller's clock when the state was read */
  readonly now: number;
}

const DAY = 86_400_000;

/** Reads a PEM certificate; with a key, checks that they belong together. */
function inspect(pem: Buffer, key?: KeyObject): CertInfo | undefined {
  try {
    const c = new X509Certificate(pem);
    const cn = /^CN=(.*)$/m.exec(c.subject)?.[1]?.replace(/\\(.)/g, '$1');
    return {
      commonName: cn,
      sans: canonicalSans((c.subjectAltName ?? '').split(', ').filter(Boolean).map((s) => s.replace(/^IP Address:/, 'IP:'))),
      notAfter: new Date(Date.parse(c.validTo)),
      serial: c.serialNumber,
      fingerprint: c.fingerprint256,
      matchesKey: key ? c.checkPrivateKey(key) : undefined,
    };
  } catch {
    return undefined;
  }
}

export const x509CertificateModule = {
  name: 'x509_certificate',
  summary: 'A self-signed certificate whose CN and subjectAltName follow the server name: regenerated when missing, not matching its key, named differently or close to expiry.',
  checkMode: 'full',
  schema: {
    args: {
      path: { type: 'path', required: true, description: 'Where the certificate is (PEM).' },
      privatekey_path: { type: 'path', required: true, description: 'The private key on the host (create it with openssl_privatekey first). It is read to check that it matches the certificate and is never shown.' },
      provider: { type: 'str', default: 'selfsigned', choices: ['selfsigned'], description: 'Only `selfsigned` (signed by its own key).' },
      common_name: { type: 'str', required: true, aliases: ['CN', 'commonName'], description: 'Subject CN: the server name (at most 64 characters). Named like openssl_csr\'s option: esbplay makes the request itself.' },
      subject_alt_name: { type: 'list', elements: 'str', description: 'subjectAltName entries like `DNS:mgt.example.com`, `IP:192.0.2.10` (a bare name gets `DNS:`, a bare address `IP:`). Default: `DNS:<common_name>` (`IP:` for an address).' },
      selfsigned_not_after: { type: 'str', default: '+3650d', description: 'Validity of a new certificate from now: `+<days>d` or `+<weeks>w`.' },
      selfsigned_digest: { type: 'str', default: 'sha256', choices: ['sha256', 'sha384', 'sha512'], description: 'Signature digest.' },
      remaining_days: { type: 'int', default: 30, description: 'Regenerate when the certificate expires within this many days (acme_certificate\'s option name).' },
      force: { type: 'bool', default: false, description: 'Regenerate even when the certificate is fine.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: '`absent` removes the certificate file.' },
      ...fileArgs(0o644, 'certificate file'),
    },
  },

  async gather(ctx: ReadContext, args: CertificateArgs): Promise<CertificateState> {
    const now = Date.now();
    const file = await readPemFile(ctx, 'x509_certificate', args.path);
    const keyFile = args.state === 'present' ? await readPemFile(ctx, 'x509_certificate', args.privatekey_path) : undefined;
    let key: KeyObject | undefined;
    let keyState: CertificateState['keyState'] = 'missing';
    if (keyFile?.content) {
      try {
        key = createPrivateKey({ key: keyFile.content, format: 'pem' });
        keyState = 'ok';
      } catch {
        keyState = 'invalid';
      }
    }
    const cert = file.content ? inspect(file.content, key) : undefined;
    return { file, cert, certInvalid: !!file.content && !cert, keyState, now };
  },

  plan(args: CertificateArgs, cur: CertificateState, ctx): Plan {
    const { file, cert } = cur;
    if (file.stat.exists && file.stat.type !== 'file') return failPlan(`${args.path} exists and is not a regular file`);
    const result: Record<string, unknown> = { filename: args.path, privatekey: args.privatekey_path };
    if (args.state === 'absent') {
      if (!file.stat.exists) return { changes: [], result, noopReason: `${args.path} does not exist` };
      return { changes: [{ kind: 'exec', argv: ['rm', '-f', '--', args.path], summary: `remove ${args.path}` }], result };
    }
    let wanted;
    try {
      wanted = { subject: subjectArg(args.common_name), sans: canonicalSans(args.subject_alt_name ?? [args.common_name]), days: parseNotAfter(args.selfsigned_not_after) };
    } catch (e) {
      return failPlan((e as Error).message, result);
    }
    if (cur.keyState !== 'ok' && !ctx.checkMode) {
      return failPlan(`private key ${args.privatekey_path} ${cur.keyState === 'missing' ? 'does not exist' : 'is not a readable unencrypted PEM key'}: create it first with openssl_privatekey`, result);
    }
    const reasons = reasonsToRegenerate(args, cur, wanted.sans);
    Object.assign(result, { common_name: args.common_name, subject_alt_name: wanted.sans });
    if (reasons.length === 0) {
      const info = { ...result, not_after: cert!.notAfter.toISOString(), serial_number: cert!.serial, fingerprint: { sha256: cert!.fingerprint } };
      const attrs = planAttrChanges(args.path, file.stat, args);
      if (attrs.length > 0) return { changes: attrs, result: info };
      return { changes: [], result: info, noopReason: `${args.path} is valid for ${args.common_name} until ${cert!.notAfter.toISOString().slice(0, 10)} and matches ${args.privatekey_path}` };
    }
    const before = cert
      ? `subject: CN=${cert.commonName ?? ''}\nsubjectAltName: ${cert.sans.join(', ')}\nnot_after: ${cert.notAfter.toISOString()}\nmatches key: ${cert.matchesKey ? 'yes' : 'no'}\n`
      : cur.certInvalid ? 'not a readable PEM certificate\n' : 'absent\n';
    const after = `subject: CN=${args.common_name}\nsubjectAltName: ${wanted.sans.join(', ')}\nnot_after: ${wanted.days} days after the run\nmatches key: yes\n`;
    const argv = (tmp: string) => ['openssl', 'req', '-new', '-x509', '-key', args.privatekey_path, '-out', tmp, '-days', String(wanted.days),
      '-subj', wanted.subject, '-addext', `subjectAltName=${wanted.sans.join(',')}`, `-${args.selfsigned_digest}`];
    const change: Change = {
      kind: 'custom',
      summary: `self-signed certificate ${args.path} for ${args.common_name} (${reasons.join('; ')})`,
      diff: { before, after, beforeHeader: args.path, afterHeader: args.path },
      async apply(actx) {
        await installGenerated(actx, args.path, args, argv);
        const pem = await actx.conn.readFile(args.path, { become: actx.become });
        const made = pem ? inspect(pem) : undefined;
        return made ? { not_after: made.notAfter.toISOString(), serial_number: made.serial, fingerprint: { sha256: made.fingerprint } } : {};
      },
    };
    return { changes: [change], result: { ...result, regenerated_because: reasons } };
  },
} satisfies ModuleDefinition<CertificateArgs, CertificateState>;

function reasonsToRegenerate(args: CertificateArgs, cur: CertificateState, sans: readonly string[]): string[] {
  const { cert } = cur;
  if (!cur.file.stat.exists) return ['certificate missing'];
  if (!cert) return ['certificate unreadable'];
  const r: string[] = [];
  if (cur.keyState === 'missing') r.push('private key missing');
  else if (cur.keyState === 'invalid') r.push('private key unreadable');
  else if (!cert.matchesKey) r.push('certificate does not match the private key');
  if (cert.commonName !== args.common_name) r.push(`CN ${cert.commonName ?? '(none)'} is not ${args.common_name}`);
  if ([...cert.sans].sort().join(',') !== [...sans].sort().join(',')) r.push(`subjectAltName ${cert.sans.join(', ') || '(none)'} is not ${sans.join(', ')}`);
  const left = (cert.notAfter.getTime() - cur.now) / DAY;
  if (left < args.remaining_days) r.push(left <= 0 ? 'expired' : `expires in ${Math.floor(left)} days (< remaining_days ${args.remaining_days})`);
  if (args.force && r.length === 0) r.push('force');
  return r;
}

