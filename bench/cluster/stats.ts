// Medians, ranges and ratios of the bench's measurements, as table cells.

import type { Measurement, Phase, RoundTrips, Tool } from './tool-runs.js';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function pick(ms: readonly Measurement[], tool: Tool, phase: Phase): Measurement[] {
  return ms.filter((m) => m.tool === tool && m.phase === phase);
}

function seconds(ms: number): string {
  return ms >= 10_000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2);
}

/** "1.23 s (1.10-1.40)" over the runs; "FAILED" when a run failed; flags a no-op/check that changed something. */
export function timeCell(runs: readonly Measurement[]): string {
  if (runs.length === 0) return '-';
  const bad = runs.filter((m) => m.exitCode !== 0 || m.recap.failed > 0 || m.recap.unreachable > 0 || m.recap.hosts === 0);
  if (bad.length > 0) return `FAILED (${bad.map((m) => m.log).join(', ')})`;
  const walls = runs.map((m) => m.wallMs);
  const range = runs.length > 1 ? ` (${seconds(Math.min(...walls))}-${seconds(Math.max(...walls))})` : '';
  const changed = runs[0]!.phase !== 'first' && runs.some((m) => m.recap.changed > 0) ? ` changed=${Math.max(...runs.map((m) => m.recap.changed))}!` : '';
  return `${seconds(median(walls))} s${range}${changed}`;
}

export function ratioCell(ansible: readonly Measurement[], esbplay: readonly Measurement[]): string {
  if (ansible.length === 0 || esbplay.length === 0) return '-';
  return `${(median(ansible.map((m) => m.wallMs)) / median(esbplay.map((m) => m.wallMs))).toFixed(1)}x`;
}

/** Per-host round trips of esbplay runs: median over hosts of the median over runs, as "c/e/s/r". */
export function roundTripCell(runs: readonly Measurement[], hosts?: (address: string) => boolean): string {
  const per = new Map<string, RoundTrips[]>();
  for (const m of runs) {
    for (const [addr, rt] of Object.entries(m.roundTrips ?? {})) {
      if (hosts && !hosts(addr)) continue;
      per.set(addr, [...(per.get(addr) ?? []), rt]);
    }
  }
  if (per.size === 0) return '-';
  const field = (k: keyof RoundTrips) => median([...per.values()].map((rts) => median(rts.map((r) => r[k]))));
  return `${field('connects')}/${field('sftpChannels')}/${field('execs')}/${field('sftpRequests')}`;
}

export function maxOf(runs: readonly Measurement[], f: (m: Measurement) => number | undefined): number | undefined {
  const xs = runs.map(f).filter((x): x is number => x !== undefined);
  return xs.length ? Math.max(...xs) : undefined;
}

export function medianOf(runs: readonly Measurement[], f: (m: Measurement) => number | undefined): number | undefined {
  const xs = runs.map(f).filter((x): x is number => x !== undefined);
  return xs.length ? median(xs) : undefined;
}
