// One TCP link between two cluster members: newline-delimited JSON frames, last-heard time for heartbeats.

import type net from 'node:net';

export interface MemberInfo {
  readonly uuid: string;
  readonly host: string;
  readonly port: number;
  readonly domain: string;
  readonly subDomain?: string;
  readonly httpPort: number;
  readonly httpsPort: number;
}

export type Frame =
  | { readonly t: 'hello'; readonly member: MemberInfo; readonly members: readonly MemberInfo[] }
  | { readonly t: 'welcome'; readonly member: MemberInfo; readonly members: readonly MemberInfo[] }
  | { readonly t: 'refuse'; readonly reason: string }
  | { readonly t: 'members'; readonly members: readonly MemberInfo[] }
  | { readonly t: 'ping' }
  | { readonly t: 'leave' };

const MAX_LINE = 1 << 20;

export class ClusterLink {
  peer?: MemberInfo;
  /** the member list this peer last shared */
  gossip: readonly MemberInfo[] = [];
  lastHeard = Date.now();
  closed = false;
  #pending = '';

  /** target: host:port this side dialled (undefined for an accepted link) */
  constructor(readonly sock: net.Socket, readonly target: string | undefined, onFrame: (link: ClusterLink, f: Frame) => void, onClose: (link: ClusterLink) => void) {
    sock.setNoDelay(true);
    sock.on('data', (d: Buffer) => {
      this.lastHeard = Date.now();
      this.#pending += d.toString('utf8');
      if (this.#pending.length > MAX_LINE) return this.close();
      let nl: number;
      while ((nl = this.#pending.indexOf('\n')) >= 0) {
        const line = this.#pending.slice(0, nl);
        this.#pending = this.#pending.slice(nl + 1);
        let frame: Frame;
        try {
          frame = JSON.parse(line) as Frame;
        } catch {
          return this.close(); // not a stand-in member: drop it
        }
        onFrame(this, frame);
        if (this.sock.destroyed) return;
      }
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => {
      this.closed = true;
      onClose(this);
    });
  }

  send(f: Frame): void {
    if (!this.closed && !this.sock.destroyed) this.sock.write(`${JSON.stringify(f)}\n`);
  }

  /** closes the link; onClose runs once the socket is closed */
  close(): void {
    this.sock.destroy();
  }
}

export const addressKey = (host: string, port: number): string => `${host}:${port}`;
