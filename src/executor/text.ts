// Bytes to text for diffs and results: UTF-8 when valid, else ISO-8859-1 (WSO2 files declare it).

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeText(b: Buffer | null): string {
  if (b === null) return '';
  try {
    return decoder.decode(b);
  } catch {
    return b.toString('latin1');
  }
}
