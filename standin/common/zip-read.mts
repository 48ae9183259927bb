// Reads a zip/jar the way a JVM class loader does: the central directory's entry names, and one entry's bytes.

import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** Lists the entries of the zip's central directory; throws when the bytes are not a zip. */
export function listZipEntries(zip: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let pos = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (pos + 46 > zip.length || zip.readUInt32LE(pos) !== CEN_SIG) throw new Error('invalid CEN header (bad signature)');
    const nameLen = zip.readUInt16LE(pos + 28);
    const extraLen = zip.readUInt16LE(pos + 30);
    const commentLen = zip.readUInt16LE(pos + 32);
    entries.push({
      name: zip.subarray(pos + 46, pos + 46 + nameLen).toString('utf8'),
      method: zip.readUInt16LE(pos + 10),
      compressedSize: zip.readUInt32LE(pos + 20),
      size: zip.readUInt32LE(pos + 24),
      localHeaderOffset: zip.readUInt32LE(pos + 42),
    });
    pos += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The uncompressed bytes of one entry (stored or deflated). */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const loc = entry.localHeaderOffset;
  if (zip.readUInt32LE(loc) !== LOC_SIG) throw new Error(`invalid LOC header for ${entry.name}`);
  const start = loc + 30 + zip.readUInt16LE(loc + 26) + zip.readUInt16LE(loc + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= lowest; i--) {
    if (zip.readUInt32LE(i) === EOCD_SIG) {
      if (zip.readUInt16LE(i + 10) === 0xffff || zip.readUInt32LE(i + 16) === 0xffffffff) throw new Error('zip64 archives are not supported');
      return i;
    }
  }
  throw new Error('zip END header not found');
}
