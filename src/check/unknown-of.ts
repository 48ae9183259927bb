// Reads a task result's check-mode UNKNOWN reason (its own, or its first loop item's).

type Obj = Record<string, unknown>;

export function unknownOfResult(r: Readonly<Obj> | undefined): string | undefined {
  if (!r) return undefined;
  if (typeof r.check_unknown === 'string') return r.check_unknown;
  const items = Array.isArray(r.results) ? (r.results as Obj[]) : [];
  const hit = items.find((i) => i && typeof i.check_unknown === 'string');
  return hit ? String(hit.check_unknown) : undefined;
}
