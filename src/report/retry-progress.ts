// Recognises the progress event of an `until` retry and how many retries are left.

const RETRY = /^FAILED - RETRYING: .*\((\d+) retries left\)\.?$/;

/** The number of retries left when this progress message is an `until` retry, else undefined. */
export function retriesLeft(message: string): number | undefined {
  const m = RETRY.exec(message);
  return m ? Number(m[1]) : undefined;
}
