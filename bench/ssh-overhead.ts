// Median ms per no-op exec, per stat and per small file read/write over ssh on a lab host, SFTP vs cat/base64 over exec.
// Run as root: npx tsx bench/ssh-overhead.ts [iterations]

import { startLab } from '../test/lab/lab.js';
import { checkLabPrereqs } from '../test/lab/lab-prereq.js';
import { openSsh, type SshConnection } from '../src/connection/ssh.js';

const N = Number(process.argv[2] ?? 60);

async function median(label: string, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(42)} median ${m.toFixed(2)} ms  (min ${times[0]!.toFixed(2)}, max ${times.at(-1)!.toFixed(2)}, n=${N})`);
  return m;
}

async function benchFiles(conn: SshConnection, mode: string): Promise<void> {
  const body = Buffer.from('<config>\n'.padEnd(4096, 'x') + '\n</config>\n'); // a 4 KiB config file
  await conn.writeFile('/opt/bench.xml', body);
  await median(`readFile 4 KiB (${mode})`, () => conn.readFile('/opt/bench.xml'));
  await median(`writeFile 4 KiB atomic (${mode})`, () => conn.writeFile('/opt/bench.xml', body));
}

const reason = checkLabPrereqs();
if (reason) {
  console.error(`cannot run the ssh bench: ${reason}`);
  process.exit(2);
}
const lab = await startLab({ hosts: 1 });
try {
  const t = process.hrtime.bigint();
  const sftp = await openSsh(lab.spec('lab1'), { fileTransfer: 'sftp' });
  console.log(`connect (handshake + key auth)             ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(2)} ms`);
  const exec = await openSsh(lab.spec('lab1'), { fileTransfer: 'exec' });
  await median('exec true (no-op command)', () => sftp.exec(['true']));
  await median('stat (sftp lstat, names cached)', () => sftp.stat('/opt/lab-host'));
  await median('stat after an exec (sftp, names re-read)', async () => {
    await sftp.exec(['true']); // invalidates the cached user database; subtract "exec true" above
    await sftp.stat('/opt/lab-host');
  });
  await median('stat (exec stat(1))', () => exec.stat('/opt/lab-host'));
  await benchFiles(sftp, 'sftp');
  await benchFiles(exec, 'exec cat/base64');
  const t8 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 64 }, () => sftp.exec(['true'])));
  console.log(`64 parallel no-op execs (8 channels)        ${(Number(process.hrtime.bigint() - t8) / 1e6).toFixed(2)} ms total`);
  await sftp.close();
  await exec.close();
} finally {
  await lab.stop();
}
