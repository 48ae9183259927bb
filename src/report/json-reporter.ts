// --output json: one JSON document with per-task results, per-host stats and the exit code.

import type { RunEvent } from './events.js';
import { unifiedDiff } from './diff.js';
import { unknownOfResult } from '../check/unknown-of.js';

interface TaskJson {
  task: { name: string; role?: string; module: string; handler: boolean; file: string; line: number };
  hosts: Record<string, unknown>;
}

interface PlayJson {
  play: { name: string; hosts: readonly string[] };
  tasks: TaskJson[];
}

export class JsonReporter {
  private readonly doc: { playbook?: string; mode?: string; plays: PlayJson[]; warnings: string[]; stats: Record<string, unknown>; interrupted?: boolean; signal?: string; exit_code?: number; duration_ms?: number } = {
    plays: [],
    warnings: [],
    stats: {},
  };
  private taskFor = new Map<unknown, TaskJson>();

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly withDiff = true,
  ) {}

  readonly onEvent = (e: RunEvent): void => {
    switch (e.type) {
      case 'playbook_start':
        this.doc.playbook = e.file;
        this.doc.mode = e.mode;
        break;
      case 'play_start':
        this.doc.plays.push({ play: { name: e.name, hosts: e.hosts }, tasks: [] });
        break;
      case 'host_result': {
        const t = this.task(e.task);
        t.hosts[e.host] = {
          status: e.status,
          ...(e.ignored ? { ignored: true } : {}),
          ...(e.predicted ? { predicted: true } : {}),
          ...(unknownOfResult(e.result) !== undefined ? { unknown: unknownOfResult(e.result) } : {}),
          result: e.result,
          ...(this.withDiff && e.diffs.length ? { diff: e.diffs.map((d) => d.unified ?? (d.path !== undefined && d.beforeHeader === undefined ? unifiedDiff(d.before, d.after, d.path) : d)) } : {}),
        };
        break;
      }
      case 'task_plan': {
        const t = this.task(e.task);
        const prev = (t.hosts[e.host] as unknown[] | undefined) ?? [];
        t.hosts[e.host] = [...prev, { action: e.action, reason: e.reason, item: e.item, args: e.args, notifies: e.notifies }];
        break;
      }
      case 'warning':
        this.doc.warnings.push(e.message);
        break;
      case 'interrupted':
        this.doc.interrupted = true;
        this.doc.signal = e.signal;
        break;
      case 'recap':
        this.doc.stats = e.stats as Record<string, unknown>;
        break;
      case 'playbook_end':
        this.doc.exit_code = e.exitCode;
        this.doc.duration_ms = e.durationMs;
        this.out.write(`${JSON.stringify(this.doc, null, 2)}\n`);
        break;
      default:
        break;
    }
  };

  private task(ref: { name: string; role?: string; module: string; handler: boolean; loc: { file: string; line: number } }): TaskJson {
    let t = this.taskFor.get(ref);
    if (!t) {
      t = { task: { name: ref.name, role: ref.role, module: ref.module, handler: ref.handler, file: ref.loc.file, line: ref.loc.line }, hosts: {} };
      this.taskFor.set(ref, t);
      if (this.doc.plays.length === 0) this.doc.plays.push({ play: { name: '', hosts: [] }, tasks: [] });
      this.doc.plays[this.doc.plays.length - 1]!.tasks.push(t);
    }
    return t;
  }
}
