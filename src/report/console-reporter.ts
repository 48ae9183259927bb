// Human output that reads like ansible-playbook: banners, per-host lines, coloured diffs, PLAY RECAP.

import { Chalk, type ChalkInstance } from 'chalk';
import type { HostResultEvent, HostStats, PlanEvent, ResultDiff, RunEvent, TaskRef } from './events.js';
import { diffText } from './diff-text.js';
import { debugResultText, verboseAlwaysText } from './debug-view.js';
import { ProgressText } from './progress-text.js';
import { recapLines } from './recap-text.js';
import { BatchedWriter } from './batched-writer.js';

export interface ConsoleOptions {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly color?: boolean;
  readonly diff?: boolean;
  readonly verbosity?: number;
}

export class ConsoleReporter {
  private readonly c: ChalkInstance;
  private readonly tty: boolean;
  private progressShown = false;
  private lastTask?: TaskRef;
  private lastPlanTask?: TaskRef;
  private readonly progressText = new ProgressText();
  /** the result being printed is shown at every verbosity: debug's, and assert's unless quiet (Ansible's _ansible_verbose_always) */
  private showAlways: 'debug' | 'assert' | false = false;

  /** every write goes through here: one write per event-loop turn */
  private readonly out: BatchedWriter;

  constructor(private readonly opts: ConsoleOptions) {
    this.out = new BatchedWriter(opts.out);
    this.tty = !!opts.out.isTTY;
    this.c = new Chalk({ level: (opts.color ?? this.tty) ? 1 : 0 });
  }

  readonly onEvent = (e: RunEvent): void => {
    switch (e.type) {
      case 'play_start':
        this.banner(`PLAY [${e.name}]${e.batches && e.batches > 1 ? ` (batch ${e.batch}/${e.batches})` : ''}`);
        break;
      case 'no_hosts':
        this.banner(`PLAY [${e.play}]`);
        this.line(this.c.magenta(`skipping: no hosts matched '${e.pattern}'`));
        break;
      case 'task_start':
        this.banner(`${e.task.handler ? 'RUNNING HANDLER' : 'TASK'} [${label(e.task)}]`);
        // -vv: where the task is written, as ansible-playbook prints it
        if ((this.opts.verbosity ?? 0) >= 2) this.line(`task path: ${e.task.loc.file}:${e.task.loc.line}`);
        this.lastTask = e.task;
        break;
      case 'host_result':
        this.hostResult(e);
        break;
      case 'task_plan':
        this.plan(e);
        break;
      case 'progress':
        this.progress(e.host, e.task, e.message);
        break;
      case 'verbose':
        if ((this.opts.verbosity ?? 0) >= e.level) this.line(this.c.blue(e.message));
        break;
      case 'warning':
        this.line(this.c.magenta(`[WARNING]: ${e.message}`));
        break;
      case 'play_aborted':
        this.line(this.c.red(`NO MORE HOSTS LEFT: ${e.reason}`));
        break;
      case 'interrupted':
        this.line(
          this.c.red(
            `\nINTERRUPTED by ${e.signal}: no new task was started; running commands were ended and file writes finished or were abandoned before replacing their target. Handlers still to run are recorded on each host and run on the next run.`,
          ),
        );
        break;
      case 'recap':
        this.recap(e.stats);
        this.out.flush();
        break;
      default:
        break;
    }
  };

  private write(text: string): void {
    if (this.progressShown) {
      this.out.write('\r\x1b[K');
      this.progressShown = false;
    }
    this.out.write(text);
  }

  private line(text: string): void {
    this.write(`${text}\n`);
  }

  private banner(title: string): void {
    const width = Math.max(title.length + 4, Math.min(this.opts.out.columns ?? 80, 120));
    this.line(`\n${title} ${'*'.repeat(Math.max(3, width - title.length - 1))}`);
  }

  /** On a terminal a live line; in a log, every retry and a line per wait at most every 10 s (progress-text.ts). */
  private progress(host: string, task: TaskRef, message: string): void {
    if (!this.tty) {
      const text = this.progressText.line(host, task, message);
      if (text !== undefined) this.line(this.c.dim(text));
      return;
    }
    this.out.write(`\r\x1b[K${this.c.dim(`${host}: ${message}`.slice(0, (this.opts.out.columns ?? 80) - 1))}`);
    this.progressShown = true;
  }

  private hostResult(e: HostResultEvent): void {
    const c = this.c;
    this.showAlways = e.task.module === 'debug' ? 'debug' : e.task.module === 'assert' && e.result.quiet !== true ? 'assert' : false;
    const host = e.delegatedTo ? `${e.host} -> ${e.delegatedTo}` : e.host;
    const v = this.opts.verbosity ?? 0;
    // like ansible-playbook, a change's diff comes before its status line
    if (this.opts.diff) for (const d of e.diffs) this.diff(d);
    const results = Array.isArray(e.result.results) ? (e.result.results as Record<string, unknown>[]) : undefined;
    if (results) {
      for (const r of results) this.line(this.statusLine(String(r._status), host, ` => (item=${String(r.item_label)})`, r, v));
    }
    // as ansible-playbook: after the items, a line for the task when it failed or was skipped as a whole (an empty loop too)
    if (!results || e.status === 'failed' || e.status === 'unreachable' || e.status === 'skipped')
      this.line(this.statusLine(e.status, host, '', e.result, v, e));
    if (e.ignored) this.line(c.cyan('...ignoring'));
  }

  private statusLine(
    status: string,
    host: string,
    suffix: string,
    result: Record<string, unknown>,
    v: number,
    e?: HostResultEvent,
  ): string {
    const c = this.c;
    const predicted = e?.predicted || result.check_mode_skipped ? ' (check mode)' : '';
    const msg = typeof result.msg === 'string' ? result.msg : '';
    // check mode could not know this task's effect: say so, whatever the status
    if (typeof result.check_unknown === 'string')
      return (
        c.magenta(`unknown: [${host}]${suffix} (${status}${predicted ? ', check mode' : ''}) ${result.check_unknown}`) +
        this.verbose(result, v)
      );
    switch (status) {
      case 'ok':
        return c.green(`ok: [${host}]${suffix}`) + this.verbose(result, v);
      case 'changed':
        return (
          c.yellow(`changed: [${host}]${suffix}${predicted}`) +
          (result.check_mode_skipped && msg ? c.yellow(` ${msg}`) : '') +
          this.verbose(result, v)
        );
      case 'skipping':
      case 'skipped':
        return c.cyan(`skipping: [${host}]${suffix}`) + (v > 0 && msg ? c.cyan(` ${msg}`) : '');
      case 'unreachable':
        return c.red(`fatal: [${host}]: UNREACHABLE! => ${JSON.stringify({ changed: false, msg, unreachable: true })}`);
      default:
        return c.red(`fatal: [${host}]${suffix}: FAILED! => ${JSON.stringify(failureView(result, v))}`);
    }
  }

  private verbose(result: Record<string, unknown>, v: number): string {
    // like Ansible, debug results show without -v, unless no_log censored them (then only from -v on)
    if (v === 0)
      return 'censored' in result
        ? ''
        : this.showAlways === 'debug'
          ? debugResultText(result)
          : this.showAlways === 'assert'
            ? verboseAlwaysText(result)
            : '';
    const { results: _r, ...rest } = result;
    return ` => ${JSON.stringify(rest, null, v > 1 ? 2 : undefined)}`;
  }

  private diff(d: ResultDiff): void {
    const c = this.c;
    for (const l of diffText(d).split('\n')) {
      if (l === '') continue;
      if (l.startsWith('+++') || l.startsWith('---')) this.line(c.bold(l));
      else if (l.startsWith('+')) this.line(c.green(l));
      else if (l.startsWith('-')) this.line(c.red(l));
      else if (l.startsWith('@@')) this.line(c.cyan(l));
      else this.line(l);
    }
  }

  private plan(e: PlanEvent): void {
    const c = this.c;
    if (this.lastPlanTask !== e.task) {
      this.banner(`${e.task.handler ? 'HANDLER (runs if notified)' : 'TASK'} [${label(e.task)}]`);
      this.lastPlanTask = e.task;
    }
    const item = e.item !== undefined ? ` (item=${e.item})` : '';
    if (e.action === 'skip') this.line(c.cyan(`skip: [${e.host}]${item} ${e.reason ?? ''}`));
    else if (e.action === 'decide-at-run-time') this.line(c.magenta(`at run time: [${e.host}]${item} ${e.reason ?? ''}`));
    else {
      this.line(c.green(`run: [${e.host}]${item} ${e.task.module} ${JSON.stringify(e.args ?? {})}`));
      if (e.notifies && e.notifies.length > 0) this.line(c.dim(`  notifies: ${e.notifies.join(', ')}`));
    }
  }

  private recap(stats: Readonly<Record<string, HostStats>>): void {
    if (Object.keys(stats).length === 0) return;
    this.banner('PLAY RECAP');
    for (const l of recapLines(stats, this.c)) this.line(l);
  }
}

function label(t: TaskRef): string {
  return t.role ? `${t.role} : ${t.name}` : t.name;
}

function failureView(result: Record<string, unknown>, v: number): Record<string, unknown> {
  if (v > 0) return result;
  const keep = ['msg', 'rc', 'stderr', 'stdout', 'changed'];
  return Object.fromEntries(Object.entries(result).filter(([k]) => keep.includes(k)));
}
