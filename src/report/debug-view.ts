// What ansible-playbook prints at verbosity 0 for a debug result (the message or the variable) and an assert result, as sorted 4-space JSON.

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

/** Keys an `_ansible_verbose_always` result (assert's) loses at verbosity 0, as Ansible's _dump_results drops them. */
const NOT_DUMPED = ['invocation', 'diff', 'exception', 'failed', 'skip_reason', 'item_label', 'results'];

/** ` => {...}` for a result Ansible shows without -v that is not debug's (assert's): every key but its bookkeeping. */
export function verboseAlwaysText(result: Obj): string {
  const keep = Object.entries(result).filter(([k]) => !NOT_DUMPED.includes(k) && !k.startsWith('_'));
  return ` => ${JSON.stringify(sortKeys(Object.fromEntries([['changed', false], ...keep])), null, 4)}`;
}
