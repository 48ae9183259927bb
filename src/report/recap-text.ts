// The PLAY RECAP lines: one per host, sorted by name as ansible-playbook prints them, counts coloured when not zero.

import type { ChalkInstance } from 'chalk';
import type { HostStats } from './events.js';

export function recapLines(stats: Readonly<Record<string, HostStats>>, c: ChalkInstance): string[] {
  const hosts = Object.keys(stats).sort();
  const width = Math.max(...hosts.map((h) => h.length), 10);
  return hosts.map((h) => {
    const s = stats[h]!;
    const colour = s.unreachable || s.failed ? c.red : s.changed ? c.yellow : c.green;
    const n = (k: string, v: number, col: (t: string) => string) => {
      const cell = `${k}=${v}`.padEnd(k.length + 5);
      return v > 0 ? col(cell) : cell;
    };
    const cells = [
      n('ok', s.ok, c.green),
      n('changed', s.changed, c.yellow),
      n('unreachable', s.unreachable, c.red),
      n('failed', s.failed, c.red),
      n('skipped', s.skipped, c.cyan),
      n('rescued', s.rescued, c.magenta),
      n('ignored', s.ignored, c.magenta),
    ];
    if (s.unknown !== undefined) cells.push(n('unknown', s.unknown, c.magenta));
    return `${colour(h.padEnd(width))} : ${cells.join('')}`.trimEnd();
  });
}
