// The cluster lab: 5 plain Debian hosts whose real nginx and MariaDB bind only their own address, atomic /etc, kill/boot, scale-out, clean stop.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startClusterLab, type ClusterLab, type HostProcessInfo } from './cluster-lab.js';
import { requireClusterLab } from './cluster-base.js';
import { findProcessesIn } from './cluster-namespace.js';
import { httpGet, runJson, writeProject } from './lab-playbook.js';
import { isAddressFree } from './lab-sshd.js';
import { openSsh } from '../../src/connection/ssh.js';
import { loadInventory } from '../../src/inventory/index.js';

const run = promisify(execFile);

describe('cluster lab: plain Debian hosts lb, db, mgr, wrk1, wrk2', function () {
  this.timeout(180_000);
  let lab: ClusterLab;

  before(async function () {
    requireClusterLab(this);
    const t0 = Date.now();
    lab = await startClusterLab({ workers: 2 });
    console.log(`    (cluster lab of ${lab.hosts.length} hosts started in ${Date.now() - t0} ms)`);
  });
  after(async () => {
    await lab?.stop();
  });

  it('boots 5 hosts, each its own hostname, address, /etc and state dirs, nothing but sshd running', async () => {
    assert.deepEqual(lab.hosts.map((h) => h.name), ['lb', 'db', 'mgr', 'wrk1', 'wrk2']);
    assert.equal(new Set(lab.hosts.map((h) => h.address)).size, 5);
    for (const h of lab.hosts) {
      const conn = await openSsh(lab.spec(h.name));
      try {
        const r = await conn.exec(['sh', '-c', 'hostname; cat /etc/hostname; ps -e -o comm=']);
        const [name, etcName, ...commands] = r.stdout.trim().split('\n');
        assert.equal(name, h.name);
        assert.equal(etcName, h.name);
        assert.deepEqual([...new Set(commands)].sort(), ['ps', 'sh', 'sshd'], `only sshd and this session run on ${h.name}`);
        assert.deepEqual((await conn.stat('/run/mysqld')).exists, false, '/run is a fresh tmpfs');
        const sudo = await conn.exec(['sudo', '-n', '-u', 'ops', 'sudo', '-n', 'id', '-un']);
        assert.equal(sudo.stdout, 'root\n', sudo.stderr);
        assert.equal(String(await conn.readFile('/etc/hosts')).split('\n').filter((l) => /^\d/.test(l)).join(';'), `127.0.0.1\tlocalhost;${h.address}\t${h.name}`);
        assert.ok((await conn.stat('/etc/nginx/sites-enabled/default')).exists, 'Debian default site enabled');
        assert.ok((await conn.stat('/var/lib/mysql/mysql')).exists, 'initialized MariaDB datadir');
        assert.ok((await conn.stat('/etc/mysql/debian.cnf')).exists);
      } finally {
        await conn.close();
      }
    }
  });

  it('writes an inventory directory the CLI runs on: groups, node_ip, group_vars from inventories/lab', async () => {
    const dir = await lab.inventoryDir();
    const inv = loadInventory(dir);
    const groups = inv.groups();
    assert.deepEqual(groups.lb, ['lb']);
    assert.deepEqual(groups.mysql, ['db']);
    assert.deepEqual(groups.esb_manager, ['mgr']);
    assert.deepEqual(groups.esb_worker, ['wrk1', 'wrk2']);
    assert.deepEqual(groups.esb_nodes, ['mgr', 'wrk1', 'wrk2']);
    assert.equal(inv.hostVars('db').node_ip, lab.host('db').address);
    const project = await writeProject(lab, 'inv-project', {
      'site.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - stat: { path: /etc/mysql/debian.cnf }\n      register: st\n' +
        '    - assert: { that: ["st.stat.exists", "node_ip == ansible_host", "esb_jdbc_driver_class == \'org.mariadb.jdbc.Driver\'"] }\n',
    });
    const r = await runJson(path.join(project, 'site.yml'), dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(Object.keys(r.json.stats).sort(), ['db', 'lb', 'mgr', 'wrk1', 'wrk2']);
  });

  it("each /etc/hosts is an ordinary file: an atomic rename replaces it, on that host only", async () => {
    const conn = await openSsh(lab.spec('mgr'));
    try {
      const mounts = await lab.exec('mgr', ['cat', '/proc/self/mountinfo']);
      assert.ok(!mounts.stdout.split('\n').some((l) => l.split(' ')[4] === '/etc/hosts'), '/etc/hosts is no mount point');
      const text = `${String(await conn.readFile('/etc/hosts'))}127.10.0.99\tcarbondb.mysql-wso2.com\n`;
      await conn.writeFile('/etc/hosts', Buffer.from(text)); // temp file + rename(2)
      assert.equal(String(await conn.readFile('/etc/hosts')), text);
      const viaMv = await conn.exec(['sh', '-c', 'cp /etc/hosts /etc/hosts.new && echo "# moved" >> /etc/hosts.new && mv /etc/hosts.new /etc/hosts && tail -n1 /etc/hosts']);
      assert.equal(viaMv.stdout, '# moved\n', viaMv.stderr);
      assert.doesNotMatch(await fs.readFile(lab.path('wrk1', '/etc/hosts'), 'utf8'), /carbondb/);
      assert.doesNotMatch(readFileSync('/etc/hosts', 'utf8'), /carbondb\.mysql-wso2\.com/);
    } finally {
      await conn.close();
    }
  });

  it("nginx on lb: Debian's default site fails loudly (port guard), a site on lb's address answers there only; reload, stop", async () => {
    const lb = lab.host('lb');
    const first = await lab.exec('lb', ['service', 'nginx', 'start']);
    assert.notEqual(first.code, 0, 'the stock config binds 0.0.0.0:80 and must not start');
    assert.match(await fs.readFile(lab.path('lb', '/var/log/nginx/error.log'), 'utf8'), /bind\(\) to 0\.0\.0\.0:80 failed \(98: Address already in use\)/);
    await fs.rm(lab.path('lb', '/etc/nginx/sites-enabled/default'));
    await fs.writeFile(lab.path('lb', '/etc/nginx/conf.d/lab.conf'), `server {\n  listen ${lb.address}:80;\n  location / { return 200 "$hostname v1\\n"; }\n}\n`);
    const conn = await openSsh(lab.spec('lb'));
    try {
      const start = await conn.exec(['service', 'nginx', 'start']);
      assert.equal(start.exitCode, 0, start.stdout + start.stderr);
      assert.equal(await httpGet(lb.address, 80), 'lb v1\n');
      assert.equal(await httpGet(lab.host('db').address, 80), null);
      assert.deepEqual(await listeners(lab, 'lb', 'nginx'), [`${lb.address}:80`]);
      await fs.writeFile(lab.path('lb', '/etc/nginx/conf.d/lab.conf'), `server {\n  listen ${lb.address}:80;\n  location / { return 200 "$hostname v2\\n"; }\n}\n`);
      assert.equal((await conn.exec(['service', 'nginx', 'reload'])).exitCode, 0);
      assert.equal(await waitForBody(lb.address, 'lb v2\n'), 'lb v2\n');
      assert.match((await conn.exec(['cat', '/run/nginx.pid'])).stdout, /^\d+\n$/);
      assert.equal((await conn.exec(['service', 'nginx', 'stop'])).exitCode, 0);
      assert.equal(await httpGet(lb.address, 80), null);
      assert.equal((await conn.exec(['service', 'nginx', 'start'])).exitCode, 0, 'started again for the stop test');
    } finally {
      await conn.close();
    }
  });

  it("MariaDB on db: the stock bind-address 127.0.0.1 fails loudly; bound to db's address it serves the controller on db:3306", async () => {
    const db = lab.host('db');
    await fs.writeFile(lab.path('db', '/etc/default/mariadb'), 'MYSQLD_STARTUP_TIMEOUT=3\n'); // the stock 30 s wait is not needed to see it fail
    const stock = await lab.exec('db', ['service', 'mariadb', 'start']);
    assert.notEqual(stock.code, 0);
    assert.match(stock.stdout + stock.stderr, /Bind on TCP\/IP port\. Got error: 98/);
    await fs.rm(lab.path('db', '/etc/default/mariadb'));
    const cnf = lab.path('db', '/etc/mysql/mariadb.conf.d/50-server.cnf');
    await fs.writeFile(cnf, (await fs.readFile(cnf, 'utf8')).replace(/^bind-address\s*=.*$/m, `bind-address            = ${db.address}`));
    const conn = await openSsh(lab.spec('db'));
    try {
      const start = await conn.exec(['service', 'mariadb', 'start'], { timeoutMs: 90_000 });
      assert.equal(start.exitCode, 0, start.stdout + start.stderr);
      const grant = "CREATE USER 'labcheck'@'127.0.0.1' IDENTIFIED BY 'lab-check-pw'; GRANT USAGE ON *.* TO 'labcheck'@'127.0.0.1';";
      const sql = await conn.exec(['mariadb', '-e', grant]); // root@localhost by unix_socket, as Debian leaves it
      assert.equal(sql.stderr, '');
      assert.deepEqual(await listeners(lab, 'db', 'mariadbd'), [`${db.address}:3306`]);
    } finally {
      await conn.close();
    }
    const q = await run('mariadb', ['--protocol=TCP', '-h', db.address, '-P', '3306', '-u', 'labcheck', '-N', '-e', 'SELECT @@hostname, @@bind_address'],
      { env: { ...process.env, MYSQL_PWD: 'lab-check-pw' } });
    assert.equal(q.stdout, `db\t${db.address}\n`);
  });

  it('a process started on wrk1 over ssh lives in its pid namespace and dies with killHost; startHost boots it fresh', async () => {
    const conn = await openSsh(lab.spec('wrk1'));
    const started = await conn.exec(['sh', '-c', 'sleep 4242 </dev/null >/dev/null 2>&1 & echo $! | tee /opt/sleep.pid /tmp/sleep.pid']);
    await conn.close();
    const ns = info('wrk1').pidNs;
    const sleeping = findProcessesIn([ns]).filter((p) => p.cmdline === 'sleep 4242');
    assert.equal(sleeping.length, 1, 'the sleep is in wrk1\'s pid namespace');
    assert.notEqual(String(sleeping[0]!.pid), started.stdout.trim(), 'pids differ inside and outside');
    await lab.killHost('wrk1');
    assert.deepEqual(findProcessesIn([ns]), []);
    assert.ok(!existsSync(`/proc/${sleeping[0]!.pid}`) || !readFileSync(`/proc/${sleeping[0]!.pid}/cmdline`, 'utf8').includes('4242'));
    await assert.rejects(openSsh(lab.spec('wrk1', { connectTimeoutMs: 2000 })));
    await lab.startHost('wrk1');
    const ls = async (argv: string[]) => (await lab.exec('wrk1', argv)).stdout;
    assert.equal(await ls(['cat', '/opt/sleep.pid']), started.stdout, '/opt is the host\'s own disk: kept');
    assert.equal(await ls(['ls', '-A', '/tmp']), '', '/tmp is emptied at boot, as Debian 12 does');
    assert.equal(await ls(['ls', '-A', '/run']), 'lock\nmount\nshm\nsshd\nsshd.pid\n', '/run is a fresh tmpfs');
    assert.equal(await ls(['sh', '-c', 'pgrep -c sleep || true']), '0\n');
  });

  it('addWorker: wrk3 joins the running lab on the next address, known to the lab and in the inventory', async () => {
    const wrk3 = await lab.addWorker();
    assert.equal(wrk3.name, 'wrk3');
    assert.equal(wrk3.address, `127.10.${lab.net}.6`);
    const conn = await openSsh(lab.spec('wrk3')); // strict host key checking against the lab known_hosts
    try {
      assert.equal((await conn.exec(['hostname'])).stdout, 'wrk3\n');
    } finally {
      await conn.close();
    }
    assert.deepEqual(loadInventory(await lab.inventoryDir()).groups().esb_worker, ['wrk1', 'wrk2', 'wrk3']);
  });

  it('stop() leaves no process, no mount, no file and no port guard behind (nginx and MariaDB still running)', async () => {
    const procs = lab.processes();
    assert.equal(procs.length, 6);
    const namespaces = procs.map((p) => p.pidNs);
    const daemons = findProcessesIn(namespaces).filter((p) => /nginx|mariadbd/.test(p.cmdline));
    assert.ok(daemons.length >= 3, `nginx and mariadbd run before stop: ${JSON.stringify(daemons)}`);
    const { dir } = lab;
    const t0 = Date.now();
    await lab.stop();
    console.log(`    (cluster lab of ${procs.length} hosts stopped in ${Date.now() - t0} ms)`);
    assert.deepEqual(findProcessesIn(namespaces), []);
    assert.ok(!readFileSync('/proc/self/mountinfo', 'utf8').includes(dir));
    assert.ok(!existsSync(dir));
    assert.ok(await isAddressFree(`127.10.${lab.net}.254`, 80));
    assert.ok(await isAddressFree(lab.host('lb').address, 80));
  });

  function info(host: string): HostProcessInfo {
    const p = lab.processes().find((x) => x.host === host);
    assert.ok(p, `${host} runs`);
    return p;
  }
});

/** Local addresses the host's own processes named `command` listen on (ss -p sees only the host's pid namespace). */
async function listeners(lab: ClusterLab, host: string, command: string): Promise<string[]> {
  const r = await lab.exec(host, ['ss', '-Hltnp']);
  const mine = r.stdout.split('\n').filter((l) => l.includes(`(("${command}"`));
  return [...new Set(mine.map((l) => l.trim().split(/\s+/)[3]!))].sort();
}

async function waitForBody(address: string, want: string): Promise<string | null> {
  let body: string | null = null;
  for (let i = 0; i < 50 && body !== want; i++) {
    body = await httpGet(address, 80);
    if (body !== want) await new Promise((r) => setTimeout(r, 100));
  }
  return body;
}
