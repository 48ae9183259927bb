// What ansible-playbook prints for a debug result at verbosity 0: the message (or the variable), as sorted 4-space JSON.

type Obj = Record<string, unknown>;

/** Keys a debug result keeps when it has `msg` (Ansible's _DEBUG_ALLOWED_KEYS). */
const MSG_KEYS = ['msg', 'exception', 'warnings', 'deprecations'];
/** Keys hidden from a `var:` result, and esbplay's own per-item bookkeeping. */
const HIDDEN = ['changed', 'failed', 'skipped', 'invocation', 'skip_reason', 'item_label', 'results'];

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Obj)[k])]));
  return v;
}

/** ` => {...}` as Ansible's default callback prints a debug result (item results keep `item`). */
export function debugResultText(result: Obj): string {
  const keep = 'msg' in result
    ? Object.entries(result).filter(([k]) => MSG_KEYS.includes(k))
    : Object.entries(result).filter(([k]) => !HIDDEN.includes(k) && !k.startsWith('_'));
  return ` => ${JSON.stringify(sortKeys(Object.fromEntries(keep)), null, 4)}`;
}
