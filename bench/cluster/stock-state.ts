// Puts the cluster lab's hosts back in the stock state before every first converge: product unpacked, nothing configured.
//
// The stock state of the bench (bench/README.md): every ESB node has the stand-in distribution and JDK
// unpacked in /opt exactly as the esb-pack role leaves them (stock configuration files, byte for byte),
// and nothing else; the load balancer has Debian's /etc/nginx, no certificates, nginx stopped; every
// host has the /etc/hosts the lab booted it with. Reset works on the hosts' own directories from the
// controller (no ssh), so it costs neither tool anything.

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClusterLab } from '../../test/lab/cluster-lab.js';

const run = promisify(execFile);

/** The hosts the bench configures: the load balancer and the ESB nodes (the db host is up but idle). */
export function benchHosts(lab: ClusterLab): string[] {
  return lab.hosts.filter((h) => h.role !== 'db').map((h) => h.name);
}

export class StockState {
  private constructor(
    private readonly lab: ClusterLab,
    /** <stash>/opt: the unpacked distribution and JDK; <stash>/<host>/: each host's files as booted */
    private readonly stash: string,
  ) {}

  /** Unpacks the stand-in archives once and keeps a copy of what reset restores. */
  static async prepare(lab: ClusterLab, archives: { product: string; jdk: string }): Promise<StockState> {
    const stash = path.join(lab.dir, 'bench-stock');
    await fs.mkdir(path.join(stash, 'opt'), { recursive: true });
    for (const archive of [archives.product, archives.jdk]) await run('tar', ['-xzf', archive, '-C', path.join(stash, 'opt')]);
    const state = new StockState(lab, stash);
    for (const h of lab.hosts) {
      await fs.mkdir(path.join(stash, h.name), { recursive: true });
      await fs.copyFile(lab.path(h.name, '/etc/hosts'), path.join(stash, h.name, 'hosts'));
      if (h.role === 'lb') await run('cp', ['-a', lab.path(h.name, '/etc/nginx'), path.join(stash, h.name, 'nginx')]);
    }
    return state;
  }

  /** Every bench host back to the stock state (nginx stopped first). */
  async reset(): Promise<void> {
    await Promise.all(this.lab.hosts.filter((h) => h.role !== 'db').map(async (h) => {
      await fs.copyFile(path.join(this.stash, h.name, 'hosts'), this.lab.path(h.name, '/etc/hosts'));
      if (h.role === 'lb') {
        await this.lab.exec(h.name, ['service', 'nginx', 'stop']);
        const nginx = this.lab.path(h.name, '/etc/nginx');
        await fs.rm(nginx, { recursive: true, force: true });
        await run('cp', ['-a', path.join(this.stash, h.name, 'nginx'), nginx]);
      }
      const opt = this.lab.path(h.name, '/opt');
      for (const entry of await fs.readdir(opt)) await fs.rm(path.join(opt, entry), { recursive: true, force: true });
      if (h.role !== 'lb') await run('cp', ['-a', `${path.join(this.stash, 'opt')}/.`, opt]);
    }));
  }
}
