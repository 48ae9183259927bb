// --output jsonl: one JSON event per line as the run goes (jsonl-events.ts), from the run's already masked events.

import type { HostResultEvent, RunEvent, TaskRef } from './events.js';
import { diffText } from './diff-text.js';
import type { JsonlEvent, JsonlHostStats, JsonlTask } from './jsonl-events.js';
import { retriesLeft } from './retry-progress.js';

type Body<E> = E extends unknown ? Omit<E, 'time'> : never;

export class JsonlReporter {
  constructor(
    private readonly out: NodeJS.WritableStream,
    /** --diff: diff events are written */
    private readonly withDiff = false,
    private readonly now: () => Date = () => new Date(),
  ) {}

  readonly onEvent = (e: RunEvent): void => {
    for (const line of toJsonl(e, this.withDiff)) this.write(line);
  };

  private write(body: Body<JsonlEvent>): void {
    this.out.write(`${JSON.stringify({ ...body, time: this.now().toISOString() })}\n`);
  }
}

/** The JSONL events one run event becomes (none for events the stream does not carry). */
export function toJsonl(e: RunEvent, withDiff: boolean): Body<JsonlEvent>[] {
  switch (e.type) {
    case 'playbook_start':
      return [{ type: 'playbook_start', version: 1, file: e.file, mode: e.mode }];
    case 'play_start':
      return [{ type: 'play_start', name: e.name, hosts: [...e.hosts], ...opt('batch', e.batch), ...opt('batches', e.batches) }];
    case 'task_start':
      return [{ type: e.task.handler ? 'handler_start' : 'task_start', task: taskOf(e.task) }];
    case 'host_result':
      return hostResult(e, withDiff);
    case 'task_plan':
      return [
        {
          type: 'task_plan',
          host: e.host,
          task: taskOf(e.task),
          action: e.action,
          ...opt('reason', e.reason),
          ...opt('args', e.args ? { ...e.args } : undefined),
          ...opt('item', e.item),
          ...opt('notifies', e.notifies ? [...e.notifies] : undefined),
        },
      ];
    case 'progress':
      return [{ type: 'progress', host: e.host, task: taskOf(e.task), message: e.message, ...opt('retries_left', retriesLeft(e.message)) }];
    case 'warning':
      return [{ type: 'warning', message: e.message, ...opt('file', e.loc?.file), ...opt('line', e.loc?.line) }];
    case 'no_hosts':
      return [{ type: 'no_hosts', play: e.play, pattern: e.pattern }];
    case 'play_aborted':
      return [{ type: 'play_aborted', play: e.play, reason: e.reason }];
    case 'interrupted':
      return [{ type: 'interrupted', signal: e.signal }];
    case 'recap':
      return [{ type: 'recap', stats: sortedStats(e.stats) }];
    case 'playbook_end':
      return [{ type: 'playbook_end', exit_code: e.exitCode, duration_ms: e.durationMs }];
    default:
      return [];
  }
}

function hostResult(e: HostResultEvent, withDiff: boolean): Body<JsonlEvent>[] {
  const task = taskOf(e.task);
  const diffs: Body<JsonlEvent>[] = withDiff ? e.diffs.map((d) => ({ type: 'diff', host: e.host, task, diff: diffText(d) })) : [];
  return [
    ...diffs,
    {
      type: 'host_result',
      host: e.host,
      task,
      status: e.status,
      ...opt('delegated_to', e.delegatedTo),
      ...opt('ignored', e.ignored || undefined),
      ...opt('predicted', e.predicted || undefined),
      duration_ms: e.durationMs,
      result: { ...e.result },
    },
  ];
}

export function taskOf(t: TaskRef): JsonlTask {
  return { name: t.name, ...opt('role', t.role), module: t.module, file: t.loc.file, line: t.loc.line, handler: t.handler };
}

function sortedStats(stats: Readonly<Record<string, JsonlHostStats>>): Record<string, JsonlHostStats> {
  return Object.fromEntries(
    Object.keys(stats)
      .sort()
      .map((h) => [h, { ...stats[h]! }]),
  );
}

/** `{key: value}` when the value is defined, else nothing (so optional keys are absent, not null). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
