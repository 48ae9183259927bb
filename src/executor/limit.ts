// Runs async work over items with at most `limit` in flight, keeping result order.

/**
 * Results in item order. When `stopped()` turns true no further item starts (those in flight
 * finish); the items never started have no entry in the result (a sparse array).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, stopped: () => boolean = () => false): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !stopped()) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}
