// Vault AES256: PBKDF2-SHA256 (10000 rounds, 80 bytes) -> AES-256-CTR key, HMAC-SHA256 key, counter; PKCS7 padding.

import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

const ITERATIONS = 10000;
const KEY_LEN = 32;
const IV_LEN = 16;
const BLOCK = 16;

interface Keys {
  readonly aes: Buffer;
  readonly hmac: Buffer;
  readonly iv: Buffer;
}

function deriveKeys(password: Buffer, salt: Buffer): Keys {
  const k = pbkdf2Sync(password, salt, ITERATIONS, 2 * KEY_LEN + IV_LEN, 'sha256');
  return { aes: k.subarray(0, KEY_LEN), hmac: k.subarray(KEY_LEN, 2 * KEY_LEN), iv: k.subarray(2 * KEY_LEN) };
}

/** Encrypts plaintext with password; salt is random (32 bytes) unless given. */
export function encryptAes256(plaintext: Buffer, password: Buffer, salt: Buffer = randomBytes(32)): { salt: Buffer; hmac: Buffer; ciphertext: Buffer } {
  const keys = deriveKeys(password, salt);
  const pad = BLOCK - (plaintext.length % BLOCK);
  const padded = Buffer.concat([plaintext, Buffer.alloc(pad, pad)]);
  const c = createCipheriv('aes-256-ctr', keys.aes, keys.iv);
  const ciphertext = Buffer.concat([c.update(padded), c.final()]);
  const hmac = createHmac('sha256', keys.hmac).update(ciphertext).digest();
  return { salt, hmac, ciphertext };
}

/**
 * Decrypts a payload; null when the HMAC does not verify (wrong password or tampered data),
 * compared in constant time. Bad padding after a good HMAC is also null (Ansible raises there too).
 */
export function decryptAes256(p: { salt: Buffer; hmac: Buffer; ciphertext: Buffer }, password: Buffer): Buffer | null {
  const keys = deriveKeys(password, p.salt);
  const expected = createHmac('sha256', keys.hmac).update(p.ciphertext).digest();
  if (expected.length !== p.hmac.length || !timingSafeEqual(expected, p.hmac)) return null;
  const d = createDecipheriv('aes-256-ctr', keys.aes, keys.iv);
  const padded = Buffer.concat([d.update(p.ciphertext), d.final()]);
  const pad = padded.length > 0 ? padded[padded.length - 1]! : 0;
  if (pad < 1 || pad > BLOCK || pad > padded.length) return null;
  for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) return null;
  return padded.subarray(0, padded.length - pad);
}
