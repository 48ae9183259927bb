// Reads the PLAY RECAP of a run's output (esbplay and ansible-playbook print the same lines).

export interface Recap {
  /** hosts in the recap */
  readonly hosts: number;
  readonly ok: number;
  readonly changed: number;
  readonly failed: number;
  readonly unreachable: number;
  readonly skipped: number;
}

const LINE = /^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)/;

/** Totals over the hosts of the last PLAY RECAP in the output (zeros when there is none). */
export function parseRecap(output: string): Recap {
  const at = output.lastIndexOf('PLAY RECAP');
  const lines = at < 0 ? [] : output.slice(at).split('\n');
  const totals = { hosts: 0, ok: 0, changed: 0, failed: 0, unreachable: 0, skipped: 0 };
  for (const line of lines) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    totals.hosts++;
    totals.ok += Number(m[2]);
    totals.changed += Number(m[3]);
    totals.unreachable += Number(m[4]);
    totals.failed += Number(m[5]);
    totals.skipped += Number(m[6]);
  }
  return totals;
}
