// What every cluster lab host is made from: the Debian packages' pristine state on this machine, and a MariaDB datadir as the postinst leaves it.

import { execFile, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkLabPrereqs, requireLab } from './lab-prereq.js';

const run = promisify(execFile);

/** The Debian packages a lab host has (installed on this machine, /usr is shared) and a file each must provide. */
export const CLUSTER_PACKAGES: ReadonlyArray<readonly [string, string]> = [
  ['nginx', '/usr/sbin/nginx'],
  ['mariadb-server', '/usr/sbin/mariadbd'],
  ['mariadb-client', '/usr/bin/mariadb'],
  ['libmariadb-java', '/usr/share/java/mariadb-java-client.jar'],
  ['openssl', '/usr/bin/openssl'],
  ['sudo', '/usr/bin/sudo'],
];

/** The packages whose /etc files the roles configure: the lab copies them and must find them as installed (sshd and sudo get lab drop-ins). */
const STOCK_CONFIG_PACKAGES = ['nginx-common', 'nginx', 'mariadb-server', 'mariadb-common', 'mysql-common'];

/** Null when the cluster lab can run here, else why not (after trying to install missing packages). */
export function checkClusterPrereqs(): string | null {
  const base = checkLabPrereqs();
  if (base) return base;
  const missing = () => CLUSTER_PACKAGES.filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing().length > 0 && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
    const install = () => spawnSync('apt-get', ['install', '-y', '-q', ...missing()], { env, encoding: 'utf8' });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update', '-q'], { env, encoding: 'utf8' });
      install();
    }
  }
  const still = missing();
  if (still.length > 0) return `the cluster lab needs the Debian packages ${still.join(', ')} (apt-get install ${still.join(' ')})`;
  if (!existsSync('/etc/mysql/debian.cnf')) return 'the cluster lab needs /etc/mysql/debian.cnf (written by the mariadb-server postinst; reinstall mariadb-server)';
  return null;
}

/**
 * Throws when a configuration file of the packages differs from what the package shipped
 * (`dpkg --verify`): the lab copies the machine's /etc, so its hosts would not start pristine.
 */
export async function verifyStockConfig(): Promise<void> {
  const r = await run('dpkg', ['--verify', ...STOCK_CONFIG_PACKAGES]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  const changed = r.stdout.split('\n').filter((l) => / \/etc\//.test(l));
  if (changed.length > 0) {
    throw new Error(`this machine's package configuration is not stock (dpkg --verify), so lab hosts copied from /etc would not be either:\n${changed.join('\n')}\n` +
      'restore the files (apt-get install --reinstall -o Dpkg::Options::=--force-confask <package>) and start the lab again');
  }
}

/**
 * Initializes a MariaDB datadir exactly as Debian's mariadb-server postinst does (mysql_install_db
 * --rpm --cross-bootstrap --user=mysql --disable-log-bin --skip-test-db, the debian-X.Y.flag, owner
 * and mode of the machine's /var/lib/mysql): root@localhost and mysql@localhost by unix_socket only.
 */
export async function makeMysqlTemplate(dir: string): Promise<string> {
  const datadir = path.join(dir, 'mysql');
  const r = await run('bash', ['/usr/bin/mysql_install_db', '--rpm', '--cross-bootstrap', '--user=mysql', '--disable-log-bin',
    '--skip-test-db', `--datadir=${datadir}`], { env: { ...process.env, TMPDIR: '' } })
    .catch((e: { stdout?: string; stderr?: string; message: string }) => {
      const out = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
      throw new Error(`mysql_install_db failed for the lab's MariaDB datadir (${e.message.split('\n')[0]}):\n${out}`);
    });
  if (!existsSync(path.join(datadir, 'mysql', 'user.frm')) && !existsSync(path.join(datadir, 'mysql', 'global_priv.frm'))) {
    throw new Error(`mysql_install_db left no system tables in ${datadir}: ${r.stderr.trim()}`);
  }
  await fs.writeFile(path.join(datadir, debianFlag()), '');
  // the redo log and system tablespace are mostly zeros: holes make each host's sparse copy cheap
  for (const f of ['ib_logfile0', 'ibdata1']) await run('fallocate', ['--dig-holes', path.join(datadir, f)]).catch(() => undefined);
  const stock = await fs.stat('/var/lib/mysql').catch(() => null);
  if (stock) {
    await fs.chown(datadir, stock.uid, stock.gid);
    await fs.chmod(datadir, stock.mode & 0o7777);
  }
  return datadir;
}

/** The postinst's version flag, e.g. debian-10.11.flag (as on this machine, else from mariadbd --version). */
function debianFlag(): string {
  const existing = existsSync('/var/lib/mysql') ? readdirSync('/var/lib/mysql').find((f) => /^debian-[\d.]+\.flag$/.test(f)) : undefined;
  if (existing) return existing;
  const v = spawnSync('/usr/sbin/mariadbd', ['--version'], { encoding: 'utf8' }).stdout.match(/Ver (\d+\.\d+)/);
  return `debian-${v?.[1] ?? 'unknown'}.flag`;
}

/** For a mocha `before` hook: skips the suite with the reason, or fails it when CI=true. */
export function requireClusterLab(ctx: Mocha.Context): void {
  requireLab(ctx, checkClusterPrereqs, 'cluster lab');
}
