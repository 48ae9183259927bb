// The lab: N real sshd hosts on this machine, each with its own loopback address, hostname and /opt, /etc/nginx, /etc/hosts.

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionSpec } from '../../src/connection/types.js';
import { hashPassword, writeHostFiles } from './lab-host-files.js';
import { hostKeyPath, keygen, pickSubnet, spawnHost, waitForSsh, type HostProcess } from './lab-sshd.js';

export interface LabHost {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  /** the directory holding this host's /opt (root/opt), /etc/nginx (root/etc-nginx), /etc/hosts (root/hosts) */
  readonly root: string;
}

export interface Lab {
  readonly dir: string;
  readonly hosts: readonly LabHost[];
  /** private key accepted for root, deploy, ops and app on every host */
  readonly keyFile: string;
  readonly knownHostsFile: string;
  /** login and sudo password of the deploy, ops and app users */
  readonly userPassword: string;
  host(name: string): LabHost;
  /** a ConnectionSpec for root on that host (key auth, lab known_hosts), with overrides */
  spec(name: string, extra?: Partial<ConnectionSpec>): ConnectionSpec;
  /** writes an Ansible-style YAML inventory of the lab and returns its path */
  inventory(): Promise<string>;
  /** SIGKILLs every process of the host (sshd and its sessions), as if the machine died */
  killHost(name: string): Promise<void>;
  /** starts a killed host again (same key, same files) */
  startHost(name: string): Promise<void>;
  /** gives the host a new host key and restarts it; the lab known_hosts keeps the old key */
  changeHostKey(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface LabOptions {
  readonly hosts: number;
  readonly namePrefix?: string;
}

export async function startLab(opts: LabOptions): Promise<Lab> {
  if (opts.hosts < 1 || opts.hosts > 250) throw new Error('a lab has 1 to 250 hosts');
  const prefix = opts.namePrefix ?? 'lab';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-lab-'));
  const procs = new Map<string, HostProcess>();
  const killAll = () => {
    for (const p of procs.values()) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  };
  process.on('exit', killAll);
  try {
    await fs.mkdir('/etc/nginx', { recursive: true }); // a bind mount needs a target
    const net = await pickSubnet(Array.from({ length: opts.hosts }, (_, i) => i + 1));
    const keyFile = path.join(dir, 'id_ed25519');
    const userPub = await keygen(keyFile, 'esbplay-lab');
    const authorizedKeysFile = path.join(dir, 'authorized_keys');
    await fs.writeFile(authorizedKeysFile, `${userPub}\n`, { mode: 0o644 });
    await fs.chmod(dir, 0o755); // sshd reads authorized_keys as the logging-in user
    const userPassword = 'lab-Passw0rd';
    const passwordHash = hashPassword(userPassword);
    const knownHostsFile = path.join(dir, 'known_hosts');
    const hosts: LabHost[] = Array.from({ length: opts.hosts }, (_, i) => ({
      name: `${prefix}${i + 1}`,
      address: `127.10.${net}.${i + 1}`,
      port: 22,
      root: path.join(dir, 'hosts', `${prefix}${i + 1}`),
    }));
    const configs = new Map<string, string>();
    const pubs = await Promise.all(hosts.map(async (h) => {
      const configFile = await writeHostFiles({
        name: h.name, address: h.address, root: h.root, hostKeyFile: hostKeyPath(h.root), authorizedKeysFile, passwordHash,
      });
      configs.set(h.name, configFile);
      return keygen(hostKeyPath(h.root), h.name);
    }));
    await fs.writeFile(knownHostsFile, hosts.map((h, i) => `${h.address} ${pubs[i]!.split(' ').slice(0, 2).join(' ')}\n`).join(''));
    const find = (name: string): LabHost => {
      const h = hosts.find((x) => x.name === name);
      if (!h) throw new Error(`no lab host ${name}`);
      return h;
    };
    const startHost = async (name: string) => {
      const h = find(name);
      const p = spawnHost(h.root, h.name, configs.get(name)!);
      procs.set(name, p);
      await waitForSsh(h.address, h.port, p);
    };
    const killHost = async (name: string) => {
      const p = procs.get(name);
      if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGKILL');
      await exited;
    };
    await Promise.all(hosts.map((h) => startHost(h.name)));
    return {
      dir, hosts, keyFile, knownHostsFile, userPassword,
      host: find,
      spec: (name, extra = {}) => {
        const h = find(name);
        return { host: h.name, transport: 'ssh', address: h.address, port: h.port, user: 'root', privateKeyFile: keyFile, knownHostsFile, ...extra };
      },
      inventory: async () => {
        const lines = ['all:', '  vars:', '    ansible_user: root', `    ansible_ssh_private_key_file: ${keyFile}`,
          `    known_hosts_file: ${knownHostsFile}`, '  hosts:'];
        for (const h of hosts) lines.push(`    ${h.name}:`, `      ansible_host: ${h.address}`, `      ansible_port: ${h.port}`);
        const file = path.join(dir, 'inventory.yml');
        await fs.writeFile(file, `${lines.join('\n')}\n`);
        return file;
      },
      killHost,
      startHost,
      changeHostKey: async (name) => {
        await killHost(name);
        await keygen(hostKeyPath(find(name).root), name);
        await startHost(name);
      },
      stop: async () => {
        await Promise.all([...procs.keys()].map(killHost));
        process.off('exit', killAll);
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    killAll();
    process.off('exit', killAll);
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}
