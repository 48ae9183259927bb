// The Ansible Vault envelope: `$ANSIBLE_VAULT;1.1;AES256` (or `;1.2;AES256;<vault id>`) and a hex body in 80-column lines.

export const VAULT_HEADER = '$ANSIBLE_VAULT';

/** The parts of a vault text: version, cipher, vault id (1.2 only) and the decoded payload. */
export interface VaultEnvelope {
  readonly version: string;
  readonly cipher: string;
  readonly vaultId?: string;
  readonly salt: Buffer;
  readonly hmac: Buffer;
  readonly ciphertext: Buffer;
}

/** A malformed vault text (not a wrong password). */
export class VaultFormatError extends Error {}

/** True when text (or bytes) starts with the vault header, as Ansible's is_encrypted. */
export function isVaultText(data: string | Buffer): boolean {
  const head = typeof data === 'string' ? data.slice(0, VAULT_HEADER.length) : data.subarray(0, VAULT_HEADER.length).toString('latin1');
  return head === VAULT_HEADER;
}

/** Splits a vault text into header fields and the salt/hmac/ciphertext payload (CRLF and indentation tolerated). */
export function parseEnvelope(text: string): VaultEnvelope {
  const lines = text.trim().split(/\r\n|\r|\n/);
  const header = lines[0]!.trim().split(';').map((s) => s.trim());
  if (header[0] !== VAULT_HEADER || header.length < 3) throw new VaultFormatError(`not a vault header: '${lines[0]!.slice(0, 60)}'`);
  const [, version, cipher, vaultId] = header;
  if (version !== '1.1' && version !== '1.2') throw new VaultFormatError(`vault format ${version} is not supported (1.1 and 1.2 are)`);
  const body = lines.slice(1).map((l) => l.trim()).join('');
  const inner = unhex(body, 'payload').toString('latin1').split('\n');
  if (inner.length < 3) throw new VaultFormatError('the payload does not hold salt, HMAC and ciphertext');
  const [salt, hmac, ...rest] = inner;
  return {
    version: version!,
    cipher: cipher!,
    vaultId: vaultId || undefined,
    salt: unhex(salt!, 'salt'),
    hmac: unhex(hmac!, 'HMAC'),
    ciphertext: unhex(rest.join('\n'), 'ciphertext'),
  };
}

/** Formats a payload as Ansible does: header, hexlified `salt\nhmac\nciphertext`, 80-column lines, final newline. */
export function formatEnvelope(p: { salt: Buffer; hmac: Buffer; ciphertext: Buffer }, vaultId?: string): string {
  const useId = vaultId !== undefined && vaultId !== '' && vaultId !== 'default';
  const header = useId ? `${VAULT_HEADER};1.2;AES256;${vaultId}` : `${VAULT_HEADER};1.1;AES256`;
  const inner = `${p.salt.toString('hex')}\n${p.hmac.toString('hex')}\n${p.ciphertext.toString('hex')}`;
  const body = Buffer.from(inner, 'latin1').toString('hex');
  const lines = [header];
  for (let i = 0; i < body.length; i += 80) lines.push(body.slice(i, i + 80));
  return `${lines.join('\n')}\n`;
}

function unhex(s: string, what: string): Buffer {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new VaultFormatError(`the ${what} is not valid hex`);
  return Buffer.from(s, 'hex');
}
