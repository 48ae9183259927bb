// Handlers notified by a change but not yet run, recorded ON THE HOST, so a later run runs them even when nothing changes then.

import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '../connection/types.js';
import type { TaskNode } from '../loader/model.js';
import { handlersFor } from './handlers.js';
import { operatorVarsOf } from './open-host.js';
import { makeVarView } from '../vars/lazy-vars.js';
import { renderValue } from '../vars/render.js';
import type { PlayContext, RunContext } from './run-context.js';

/** One handler that must still run on the host. */
export interface PendingEntry {
  readonly play: string;
  /** the handler's name (`role : name` for a role's handler), or `listen: topic` for a nameless one */
  readonly handler: string;
  /** the task whose change notified it, as `file:line name` */
  readonly task: string;
  readonly at: string;
  readonly playbook: string;
  /** the run that wrote the entry */
  readonly run: string;
}

interface HostRecord {
  readonly conn: Connection;
  readonly file: string;
  entries: PendingEntry[];
  dirMade: boolean;
  /** writes of this host's file, one after the other */
  chain: Promise<void>;
}

/** The inventory variable that moves the record (default /var/lib/esbplay for root, ~/.esbplay otherwise). */
export const STATE_DIR_VAR = 'esbplay_state_dir';

/** Key of a handler in the record. */
export function handlerKey(h: TaskNode): string {
  if (h.name) return h.role ? `${h.role.role.name} : ${h.name}` : h.name;
  return `listen: ${h.listen[0] ?? ''}`;
}

function taskLabel(t: TaskNode): string {
  return `${t.loc.file}:${t.loc.line} ${t.name ?? t.module}`;
}

/** The per-run store: what each host's record holds, read once, written after every change. */
class PendingStore {
  readonly runId = `${new Date().toISOString()}-${randomBytes(3).toString('hex')}`;
  readonly #hosts = new Map<string, Promise<HostRecord | undefined>>();

  constructor(private readonly run: RunContext) {}

  /** The host's record, read on first use; undefined when the host cannot be reached (its tasks will say so). */
  record(host: string, vars: Readonly<Record<string, unknown>>): Promise<HostRecord | undefined> {
    let r = this.#hosts.get(host);
    if (!r) {
      r = this.#read(host, vars).catch(() => undefined);
      this.#hosts.set(host, r);
    }
    return r;
  }

  /** The record only when it was already read (forgetting and clearing never open a connection). */
  loaded(host: string): Promise<HostRecord | undefined> {
    return this.#hosts.get(host) ?? Promise.resolve(undefined);
  }

  async #read(host: string, vars: Readonly<Record<string, unknown>>): Promise<HostRecord> {
    const conn = await this.run.pool.get(host, vars);
    const file = recordPath(this.run, host, conn, vars);
    const bytes = await conn.readFile(file);
    let entries: PendingEntry[] = [];
    if (bytes) {
      try {
        const doc = JSON.parse(bytes.toString('utf8')) as { pending?: PendingEntry[] };
        entries = Array.isArray(doc.pending) ? doc.pending.filter((e) => e && typeof e.play === 'string' && typeof e.handler === 'string') : [];
      } catch {
        this.run.emit({ type: 'warning', message: `host ${host}: the pending-handler record ${file} is not valid JSON; it is replaced` });
      }
    }
    return { conn, file, entries, dirMade: bytes !== null, chain: Promise.resolve() };
  }

  /**
   * Rewrites the host's file (removes it when nothing is pending), after the writes before it.
   * Never throws: a record that cannot be written (an interrupt abandoned the write, no space,
   * no permission) keeps its previous content, which errs on the side of running a handler again.
   */
  save(rec: HostRecord, host: string): Promise<void> {
    const doc = `${JSON.stringify({ version: 1, host, pending: rec.entries }, null, 2)}\n`;
    const empty = rec.entries.length === 0;
    const write = async () => {
      if (!rec.dirMade && !empty) {
        await rec.conn.exec(['mkdir', '-p', '-m', '0700', '--', path.posix.dirname(rec.file)]);
        rec.dirMade = true;
      }
      if (empty) await rec.conn.exec(['rm', '-f', '--', rec.file]);
      else await rec.conn.writeFile(rec.file, Buffer.from(doc), { mode: 0o600 });
    };
    rec.chain = rec.chain.then(write).catch((e: unknown) => {
      if (this.run.options.interrupt?.requested) return;
      this.run.emit({ type: 'warning', message: `host ${host}: cannot update the pending-handler record ${rec.file}: ${(e as Error).message}` });
    });
    return rec.chain;
  }
}

/** Where a host keeps its record: STATE_DIR_VAR, else /var/lib/esbplay for root and ~/.esbplay (relative: the login home) otherwise. */
function recordPath(run: RunContext, host: string, conn: Connection, vars: Readonly<Record<string, unknown>>): string {
  const operator = operatorVarsOf(run.inventory, host);
  // the inventory's value, rendered with the inventory's variables ("{{ local_root }}/state")
  const raw = operator[STATE_DIR_VAR];
  const view = makeVarView([{ name: 'inventory', vars: operator }, { name: 'magic', vars: run.inventory.magicVars(host) }]);
  const configured = typeof raw === 'string' ? String(renderValue(raw, view, { file: run.inventory.file })) : raw;
  let dir: string;
  if (typeof configured === 'string' && configured !== '') dir = configured;
  else if (conn.transport === 'local') dir = process.getuid?.() === 0 ? '/var/lib/esbplay' : path.join(os.homedir(), '.esbplay');
  else dir = (vars.ansible_user ?? vars.ansible_ssh_user ?? os.userInfo().username) === 'root' ? '/var/lib/esbplay' : '.esbplay';
  // local hosts share this machine: the inventory is part of who they are
  const identity = conn.transport === 'local' ? `${run.inventory.file}#${host}` : host;
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return path.posix.join(dir, 'pending-handlers', `${host.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40)}-${hash}.json`);
}

const stores = new WeakMap<RunContext, PendingStore>();
function storeOf(run: RunContext): PendingStore {
  let s = stores.get(run);
  if (!s) stores.set(run, (s = new PendingStore(run)));
  return s;
}

/** Before a task that notifies handlers changes anything on a host: record them (a lost host or a kill cannot lose them). */
export async function recordNotified(pc: PlayContext, host: string, task: TaskNode, vars: Readonly<Record<string, unknown>>): Promise<void> {
  if (pc.run.mode !== 'run' || task.notify.length === 0) return;
  const store = storeOf(pc.run);
  const rec = await store.record(host, vars);
  if (!rec) return;
  const handlers = task.notify.flatMap((n) => handlersFor(pc.play.handlers, n));
  const now = new Date().toISOString();
  let added = false;
  for (const h of handlers) {
    const key = handlerKey(h);
    if (rec.entries.some((e) => e.play === pc.play.name && e.handler === key)) continue;
    rec.entries.push({ play: pc.play.name, handler: key, task: taskLabel(task), at: now, playbook: pc.run.playbook.file, run: store.runId });
    added = true;
  }
  if (added) await store.save(rec, host);
}

/** The task turned out not to change anything: drop what it recorded in this run. */
export async function forgetNotified(pc: PlayContext, host: string, task: TaskNode): Promise<void> {
  if (pc.run.mode !== 'run' || task.notify.length === 0) return;
  const store = storeOf(pc.run);
  const rec = await store.loaded(host);
  if (!rec) return;
  const label = taskLabel(task);
  const before = rec.entries.length;
  rec.entries = rec.entries.filter((e) => !(e.run === store.runId && e.task === label && e.play === pc.play.name));
  if (rec.entries.length !== before) await store.save(rec, host);
}

/** A handler ran on these hosts: their records forget it. */
export async function clearRan(pc: PlayContext, handler: TaskNode, hosts: readonly string[]): Promise<void> {
  if (pc.run.mode !== 'run') return;
  const store = storeOf(pc.run);
  const key = handlerKey(handler);
  await Promise.all(hosts.map(async (host) => {
    const rec = await store.loaded(host);
    if (!rec) return;
    const before = rec.entries.length;
    rec.entries = rec.entries.filter((e) => !(e.play === pc.play.name && e.handler === key));
    if (rec.entries.length !== before) await store.save(rec, host);
  }));
}

/**
 * When the play's roles (or, without roles, its tasks) start: handlers an earlier run recorded on
 * a host (for this play) are notified again, so they run at the first flush after the
 * configuration tasks (a role's meta: flush_handlers, or the end of the tasks) even if nothing
 * changes now: a restart that failed on a bad configuration runs again only after the roles put
 * the good one back. Said per host as a warning.
 */
export async function restorePending(pc: PlayContext, vars: (host: string) => Readonly<Record<string, unknown>>): Promise<void> {
  if (pc.run.mode === 'dry-run') return;
  const store = storeOf(pc.run);
  await Promise.all(pc.batch.map(async (host) => {
    const rec = await store.record(host, vars(host));
    const state = pc.run.hosts.get(host);
    if (!rec || !state) return;
    for (const e of rec.entries) {
      if (e.play !== pc.play.name || e.run === store.runId) continue;
      const h = pc.play.handlers.find((x) => handlerKey(x) === e.handler);
      if (!h) continue;
      state.notified.add(h);
      pc.run.emit({ type: 'warning', message: `host ${host}: handler '${e.handler}' was notified by ${e.task} in an earlier run (${e.at}) but never ran; it runs in this play` });
    }
  }));
}
