// Waits and retries in plain logs: every until retry as Ansible words it, a waiting module's progress at most every 10 s per host and task.

import assert from 'node:assert/strict';
import { ProgressText, WAIT_LINE_EVERY_MS } from '../../src/report/progress-text.js';
import type { TaskRef } from '../../src/report/events.js';

const task = (name: string, line: number, role?: string): TaskRef => ({
  name,
  role,
  module: 'wait_for',
  loc: { file: '/p/site.yml', line, col: 5 },
  handler: false,
});

describe('report: progress lines in a log', () => {
  it('a retry is always a line: FAILED - RETRYING: [host]: role : task (N retries left).', () => {
    const p = new ProgressText(() => 0);
    const t = task('port open', 3, 'esb-common');
    assert.equal(
      p.line('wrk1', t, 'FAILED - RETRYING: (2 retries left)'),
      'FAILED - RETRYING: [wrk1]: esb-common : port open (2 retries left).',
    );
    assert.equal(
      p.line('wrk1', t, 'FAILED - RETRYING: (1 retries left)'),
      'FAILED - RETRYING: [wrk1]: esb-common : port open (1 retries left).',
    );
  });

  it('a wait prints its first line, then at most one line every 10 s for the same host and task', () => {
    let now = 1_000;
    const p = new ProgressText(() => now);
    const t = task('server up', 7);
    assert.equal(p.line('mgr1', t, 'waiting for 127.0.0.1:9443 (0s/300s)'), '[mgr1]: waiting for 127.0.0.1:9443 (0s/300s)');
    now += 1_000;
    assert.equal(p.line('mgr1', t, 'waiting for 127.0.0.1:9443 (1s/300s)'), undefined);
    assert.equal(
      p.line('wrk1', t, 'waiting for 127.0.0.1:8280 (1s/300s)'),
      '[wrk1]: waiting for 127.0.0.1:8280 (1s/300s)',
      'another host has its own clock',
    );
    assert.equal(p.line('mgr1', task('other', 9), 'waiting (1s/300s)'), '[mgr1]: waiting (1s/300s)', 'another task too');
    now += WAIT_LINE_EVERY_MS;
    assert.equal(p.line('mgr1', t, 'waiting for 127.0.0.1:9443 (11s/300s)'), '[mgr1]: waiting for 127.0.0.1:9443 (11s/300s)');
  });
});
