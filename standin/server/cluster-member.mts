// WKA cluster membership: listen on localMemberHost:localMemberPort, dial well-known and learnt members, log joins and leaves like Carbon.

import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { LOGGERS, type CarbonLog } from './carbon-log.mjs';
import { addressKey, ClusterLink, type Frame, type MemberInfo } from './cluster-link.mjs';
import { StartupError } from './conf-files.mjs';
import type { ClusterConfig } from './conf-node.mjs';
import type { StandinKnobs } from './system-properties.mjs';

const REFUSED_RETRY_MS = 30_000;

export class ClusterMember {
  readonly self: MemberInfo;
  #server?: net.Server;
  #links = new Set<ClusterLink>();
  /** joined members by uuid */
  #members = new Map<string, MemberInfo>();
  #refused = new Map<string, number>();
  #timers: NodeJS.Timeout[] = [];
  #stopping = false;
  readonly #wka: ReadonlySet<string>;

  constructor(private readonly cfg: ClusterConfig, ports: { http: number; https: number }, private readonly knobs: StandinKnobs, private readonly log: CarbonLog) {
    this.self = {
      uuid: randomUUID(), host: cfg.localMemberHost, port: cfg.localMemberPort, domain: cfg.domain,
      subDomain: cfg.subDomain, httpPort: ports.http, httpsPort: ports.https,
    };
    this.#wka = new Set(cfg.members.map((m) => addressKey(m.host, m.port)));
  }

  /** The other members this node currently sees. */
  members(): MemberInfo[] {
    return [...this.#members.values()];
  }

  /** Binds the member port (a port in use fails the start) and starts joining the well-known members. */
  async start(): Promise<void> {
    const started = Date.now();
    this.log.info(LOGGERS.hazelcast, `Cluster domain: ${this.cfg.domain}`);
    this.log.info(LOGGERS.hazelcast, 'Using wka based membership management scheme');
    for (const m of this.cfg.members) {
      this.log.info(LOGGERS.memberUtils, `Added member: Host:${m.host}, Remote Host:null, Port: ${m.port}, HTTP:-1, HTTPS:-1, Domain: null, Sub-domain:null, Active:true`);
    }
    const server = net.createServer((sock) => this.#adopt(new ClusterLink(sock, undefined, (l, f) => this.#onFrame(l, f), (l) => this.#onClose(l))));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => {
        reject(new StartupError(LOGGERS.hazelcast, `Error while initializing the cluster on ${this.cfg.bindAddress}:${this.cfg.localMemberPort}`, [
          `com.hazelcast.core.HazelcastException: java.net.BindException: ${e.code === 'EADDRINUSE' ? 'Address already in use' : e.code === 'EADDRNOTAVAIL' ? 'Cannot assign requested address' : e.message}`,
        ]));
      });
      server.listen(this.cfg.localMemberPort, this.cfg.bindAddress, () => resolve());
    });
    this.#server = server;
    this.log.info(LOGGERS.hazelcast, `Hazelcast initialized in ${Date.now() - started}ms`);
    const s = this.self;
    this.log.info(LOGGERS.hazelcast, `Local member: [${s.uuid}] - Host:${s.host}, Remote Host:null, Port: ${s.port}, HTTP:${s.httpPort}, HTTPS:${s.httpsPort}, Domain: ${s.domain}, Sub-domain:${s.subDomain ?? 'null'}, Active:true`);
    this.#dialAll();
    await new Promise((r) => setTimeout(r, Math.min(1000, this.knobs.heartbeatMs)));
    if (this.#members.size === 0) this.log.info(LOGGERS.hazelcast, `Elected this member [${s.uuid}] as the Coordinator node`);
    this.log.info(LOGGERS.hazelcast, 'Cluster initialization completed');
    this.#timers.push(setInterval(() => this.#dialAll(), Math.min(1000, this.knobs.heartbeatMs)));
    this.#timers.push(setInterval(() => this.#heartbeat(), this.knobs.heartbeatMs));
  }

  /** Leaves the cluster: tells every member, closes every link and the member port. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const t of this.#timers) clearInterval(t);
    for (const l of this.#links) {
      l.send({ t: 'leave' });
      l.sock.end();
    }
    await new Promise((r) => setTimeout(r, 100));
    for (const l of this.#links) l.close();
    await new Promise<void>((r) => (this.#server ? this.#server.close(() => r()) : r()));
  }

  #adopt(link: ClusterLink): void {
    if (this.#stopping) return link.close();
    this.#links.add(link);
    if (!link.target) setTimeout(() => !link.peer && link.close(), 5000).unref();
  }

  #dialAll(): void {
    if (this.#stopping) return;
    const busy = new Set<string>();
    for (const l of this.#links) {
      if (l.target) busy.add(l.target);
      if (l.peer) busy.add(addressKey(l.peer.host, l.peer.port));
    }
    const targets = new Set(this.#wka);
    for (const m of this.#members.values()) targets.add(addressKey(m.host, m.port));
    for (const l of this.#links) {
      for (const m of l.gossip) if (m.domain === this.self.domain && m.uuid !== this.self.uuid) targets.add(addressKey(m.host, m.port));
    }
    const selfKey = addressKey(this.self.host, this.self.port);
    for (const t of targets) {
      if (t === selfKey || busy.has(t) || (this.#refused.get(t) ?? 0) > Date.now()) continue;
      this.#dial(t);
    }
  }

  #dial(target: string): void {
    const i = target.lastIndexOf(':');
    const sock = net.connect({ host: target.slice(0, i), port: Number(target.slice(i + 1)) });
    const link = new ClusterLink(sock, target, (l, f) => this.#onFrame(l, f), (l) => this.#onClose(l));
    this.#adopt(link);
    sock.once('connect', () => link.send({ t: 'hello', member: this.self, members: this.members() }));
  }

  #onFrame(link: ClusterLink, f: Frame): void {
    switch (f.t) {
      case 'hello':
        if (f.member.uuid === this.self.uuid) return link.close();
        if (f.member.domain !== this.self.domain) {
          this.log.warn(LOGGERS.tcpJoiner, `[${this.self.host}]:${this.self.port} [${this.self.domain}] Refused the join request of /${f.member.host}:${f.member.port}: it belongs to the cluster domain '${f.member.domain}'`);
          link.send({ t: 'refuse', reason: 'the target cluster has a different group-name' });
          return void setTimeout(() => link.close(), 50);
        }
        link.send({ t: 'welcome', member: this.self, members: this.members() });
        return this.#established(link, f.member, f.members);
      case 'welcome':
        if (f.member.uuid === this.self.uuid) return link.close();
        return this.#established(link, f.member, f.members);
      case 'refuse': {
        const first = !this.#refused.has(link.target ?? '');
        this.#refused.set(link.target ?? '', Date.now() + REFUSED_RETRY_MS);
        if (first) this.log.warn(LOGGERS.tcpJoiner, `[${this.self.host}]:${this.self.port} [${this.self.domain}] Node could not join cluster at node: /${link.target} Cause: ${f.reason}`);
        return link.close();
      }
      case 'members':
        link.gossip = f.members;
        return this.#learn(f.members);
      case 'leave':
        return link.close();
      case 'ping':
        return;
    }
  }

  #established(link: ClusterLink, peer: MemberInfo, known: readonly MemberInfo[]): void {
    link.peer = peer;
    link.gossip = known;
    if (!this.#members.has(peer.uuid)) {
      this.#members.set(peer.uuid, peer);
      this.log.info(LOGGERS.wka, `Member joined [${peer.uuid}]: /${peer.host}:${peer.port}`);
      this.#share(link);
    }
    this.#learn(known);
  }

  /** Sends the current member list to every joined peer (but `except`). */
  #share(except?: ClusterLink): void {
    for (const l of this.#links) if (l !== except && l.peer) l.send({ t: 'members', members: this.members() });
  }

  #learn(list: readonly MemberInfo[]): void {
    const fresh = list.some((m) => m.uuid !== this.self.uuid && m.domain === this.self.domain && !this.#members.has(m.uuid));
    if (fresh) this.#dialAll();
  }

  #onClose(link: ClusterLink): void {
    this.#links.delete(link);
    const peer = link.peer;
    if (!peer || this.#stopping) return;
    if ([...this.#links].some((l) => l.peer?.uuid === peer.uuid)) return;
    this.#members.delete(peer.uuid);
    this.log.info(LOGGERS.wka, `Member left [${peer.uuid}]: /${peer.host}:${peer.port}`);
    this.#share();
    if (this.#wka.has(addressKey(peer.host, peer.port))) {
      this.log.info(LOGGERS.wka, `WKA member Host:${peer.host}, Remote Host:null, Port: ${peer.port}, HTTP:${peer.httpPort}, HTTPS:${peer.httpsPort}, Domain: ${peer.domain}, Sub-domain:${peer.subDomain ?? 'null'}, Active:true left cluster. Starting reconnection task...`);
    }
  }

  #heartbeat(): void {
    const deadline = Date.now() - this.knobs.memberTimeoutMs;
    for (const l of this.#links) {
      if (!l.peer) continue;
      if (l.lastHeard < deadline) l.close();
      else l.send({ t: 'ping' });
    }
  }
}
