// Lab prerequisites: sshd, unshare and root; installs openssh-server when it can, else says why not.

import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const SSHD = '/usr/sbin/sshd';

/** Returns null when the lab can run here, else the reason it cannot (after trying to install). */
export function checkLabPrereqs(): string | null {
  if (process.platform !== 'linux') return `the ssh lab needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the ssh lab needs root (namespaces, bind mounts, sshd on port 22)';
  if (!existsSync('/usr/bin/unshare')) return 'the ssh lab needs unshare (util-linux)';
  const missing = [SSHD, '/usr/bin/ssh-keygen', '/usr/bin/sudo', '/usr/bin/openssl'].filter((f) => !existsSync(f));
  if (missing.length === 0) return null;
  if (!existsSync('/usr/bin/apt-get')) return `missing ${missing.join(', ')} and no apt-get to install openssh-server`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', 'openssh-server', 'openssh-client', 'sudo', 'openssl'], { env, encoding: 'utf8' });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { env, encoding: 'utf8' });
    r = install();
  }
  const still = [SSHD, '/usr/bin/ssh-keygen', '/usr/bin/sudo'].filter((f) => !existsSync(f));
  if (still.length > 0) return `apt-get install openssh-server failed: ${(r.stderr || r.stdout || '').trim().split('\n').pop()}`;
  return null;
}

/**
 * For a mocha `before` hook: skips the suite with the reason, or fails it when CI=true
 * (a CI run must not silently skip the lab). `check` may add its own prerequisites.
 */
export function requireLab(ctx: Mocha.Context, check: () => string | null = checkLabPrereqs, what = 'ssh lab'): void {
  const reason = check();
  if (reason === null) return;
  if (process.env.CI === 'true') throw new Error(`${what} cannot run and CI=true: ${reason}`);
  console.log(`    (${what} skipped: ${reason})`);
  ctx.skip();
}
