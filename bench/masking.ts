// Benchmark: masking throughput (MB/s of CPU) of output text, spilled output and file diffs, one-line and multi-line, 10 and 200 secrets (run: npm run bench:masking).

import { randomBytes } from 'node:crypto';
import { Masker } from '../src/vars/secret.js';
import { maskResultDiff } from '../src/report/mask-diff.js';
import { StreamMasker } from '../src/report/mask-stream.js';

const SIZE = 100 * 1024;

/** A config-like text of about SIZE characters: XML with attributes, key=value lines, JSON, and a long hex blob (an embedded keystore). */
function makeText(seed: string, secrets: readonly string[]): string {
  const parts: string[] = [];
  let n = 0;
  const blob = randomBytes(Math.floor(SIZE * 0.3)).toString('hex');
  for (let i = 0; n < SIZE * 0.4; i++) {
    const s = secrets[i % secrets.length]!;
    const piece =
      i % 4 === 0 ? `<parameter name="p${i}" locked="false">${seed}-${i}</parameter>`
      : i % 4 === 1 ? `<datasource url="jdbc:mysql://db:3306/esb${i}" password="${i % 16 === 1 ? s : 'x' + i}"/>`
      : i % 4 === 2 ? `key.${i}.value=${seed}${i}; other_${i}: "v${i}"`
      : `{"name": "n${i}", "enabled": true, "port": ${8000 + i}}`;
    parts.push(piece);
    n += piece.length;
  }
  return `${parts.join(' ')} <keystore>${blob}</keystore> ${parts.slice(0, 20).join(' ')}`;
}

/** The same text cut into lines of at most 76 characters, at spaces where possible (the blob wrapped like PEM). */
function toLines(text: string): string {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + 76);
    const space = text.lastIndexOf(' ', end);
    if (end < text.length && space > at + 20) end = space + 1;
    out.push(text.slice(at, end));
    at = end;
  }
  return out.join('\n');
}

function makeSecrets(count: number): string[] {
  return Array.from({ length: count }, () => `${randomBytes(6).toString('base64url')}&<${randomBytes(3).toString('hex')}>"'`);
}

/**
 * MB/s of CPU time for fn over `bytes` characters, run at least once and for at least minMs. Each
 * run gets its own suffix: V8 remembers a global RegExp's results for an identical subject string.
 */
function measure(label: string, bytes: number, fn: (suffix: string) => void, minMs = 1500): void {
  fn(' warm-up'); // and the Masker's compile
  let runs = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  do {
    fn(` ${runs}`);
    runs++;
  } while (Number(process.hrtime.bigint() - start) / 1e6 < minMs);
  const used = process.cpuUsage(cpu);
  const sec = (used.user + used.system) / 1e6;
  const mbs = (runs * bytes) / 1e6 / sec;
  console.log(`${label.padEnd(52)} ${mbs.toFixed(2).padStart(9)} MB/s  (${((sec / runs) * 1000).toFixed(2)} ms CPU per ${(bytes / 1024).toFixed(0)} KB, ${runs} runs)`);
}

console.log(`node ${process.version}; inputs of ${SIZE / 1024} KB; CPU time (process.cpuUsage)`);
for (const count of [10, 200]) {
  const secrets = makeSecrets(count);
  const masker = new Masker();
  for (const s of secrets) masker.add(s);
  const oneBefore = makeText('old', secrets);
  const oneAfter = makeText('new', secrets);
  for (const [shape, before, after] of [
    ['one-line', oneBefore, oneAfter],
    ['multi-line', toLines(oneBefore), toLines(oneAfter)],
  ] as const) {
    measure(`${count} secrets, ${shape}: output text (mask)`, after.length, (x) => masker.mask(after + x));
    const bytes = Buffer.from(after);
    measure(`${count} secrets, ${shape}: spilled output (64 KiB chunks)`, bytes.length, (x) => {
      const s = new StreamMasker(masker);
      for (let at = 0; at < bytes.length; at += 65_536) s.push(bytes.subarray(at, at + 65_536));
      s.push(Buffer.from(x));
      s.end();
    });
    measure(`${count} secrets, ${shape}: file change diff (--diff)`, before.length + after.length, (x) =>
      maskResultDiff({ path: '/opt/esb/conf/x.xml', before: before + x, after: after + x }, masker),
    );
  }
}
