// Reads ansible-playbook-style text output (both tools print it): the PLAY RECAP counts and debug results.

import type { DebugOutput } from './case-types.js';

// esbplay's --check adds `unknown=N` (docs/check-mode.md): the seven counts Ansible prints are compared
const RECAP = /^(\S+)\s+:\s+(ok=\d+)\s+(changed=\d+)\s+(unreachable=\d+)\s+(failed=\d+)\s+(skipped=\d+)\s+(rescued=\d+)\s+(ignored=\d+)(?:\s+unknown=\d+)?\s*$/;

/** host -> "ok=N changed=N unreachable=N failed=N skipped=N rescued=N ignored=N" from the last PLAY RECAP. */
export function parseRecap(output: string): Record<string, string> {
  const lines = output.split('\n');
  const start = lines.map((l) => l.startsWith('PLAY RECAP')).lastIndexOf(true);
  const out: Record<string, string> = {};
  if (start < 0) return out;
  for (const line of lines.slice(start + 1)) {
    const m = RECAP.exec(line);
    if (m) out[m[1]!] = m.slice(2).join(' ');
  }
  return out;
}

const HEAD = /^(ok|changed): \[([^\]]+)\](?: => \(item=(.*)\))? => \{$/;

/**
 * Results printed as a JSON block at verbosity 0 (`ok: [h1] => {` ... `}`): what debug shows.
 * Keys Ansible adds for its own bookkeeping (`_ansible_*`, `changed`, `failed`) are left out.
 */
export function parseDebug(output: string): DebugOutput[] {
  const lines = output.split('\n');
  const out: DebugOutput[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = HEAD.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf('}', i + 1);
    if (end < 0) break;
    let value: unknown;
    try {
      value = JSON.parse(`{${lines.slice(i + 1, end).join('\n')}}`);
    } catch {
      value = lines.slice(i + 1, end).join('\n');
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      value = Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('_ansible') && k !== 'changed' && k !== 'failed' && k !== 'ansible_loop_var' && k !== 'item'));
    }
    out.push({ host: m[2]!, ...(m[3] !== undefined ? { item: m[3] } : {}), value });
    i = end;
  }
  return out;
}

/** Debug outputs grouped per host, in the order each host printed them (host order per task may vary). */
export function debugByHost(list: readonly DebugOutput[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const d of list) (out[d.host] ??= []).push(d.item !== undefined ? { item: d.item, value: d.value } : d.value);
  return out;
}
