// Starts ansible-playbook runs: through a fork server that imported Ansible once (default), or as plain child processes.

import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnsibleEnv } from './ansible-env.js';

export interface Outcome {
  readonly exit: number;
  readonly output: string;
}

export interface AnsibleLauncher {
  /** `ansible-playbook <argv>` in `cwd`: exit code and stdout+stderr */
  run(cwd: string, argv: readonly string[]): Promise<Outcome>;
  stop(): Promise<void>;
}

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ansible-server.py');

/**
 * The private, deterministic configuration every run gets: no retry files, no cows, no colour,
 * the default stdout callback, no fact gathering unless a play asks, modules run by the Python
 * that runs Ansible, temp files in a private directory.
 */
function ansibleEnvironment(env: AnsibleEnv, state: string): NodeJS.ProcessEnv {
  mkdirSync(path.join(state, 'tmp'), { recursive: true });
  const cfg = path.join(state, 'ansible.cfg');
  writeFileSync(cfg, '[defaults]\n');
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: state,
    LANG: 'C.UTF-8',
    ANSIBLE_CONFIG: cfg,
    ANSIBLE_HOME: state,
    ANSIBLE_LOCAL_TEMP: path.join(state, 'tmp'),
    ANSIBLE_REMOTE_TMP: path.join(state, 'tmp'),
    ANSIBLE_RETRY_FILES_ENABLED: '0',
    ANSIBLE_NOCOWS: '1',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_FORCE_COLOR: '0',
    ANSIBLE_STDOUT_CALLBACK: 'default',
    ANSIBLE_GATHERING: 'explicit',
    ANSIBLE_PIPELINING: '1',
    ANSIBLE_PYTHON_INTERPRETER: env.python,
    ANSIBLE_DEPRECATION_WARNINGS: '0',
    ANSIBLE_LOCALHOST_WARNING: '0',
    ANSIBLE_INVENTORY_UNPARSED_WARNING: '0',
    ANSIBLE_SYSTEM_WARNINGS: '0',
  };
}

/** COMPAT_FORK=0: every run is a new `ansible-playbook` process; otherwise the fork server. */
export function startLauncher(env: AnsibleEnv): AnsibleLauncher {
  const state = mkdtempSync(path.join(os.tmpdir(), 'esbplay-compat-ansible-'));
  const childEnv = ansibleEnvironment(env, state);
  const launcher = process.env.COMPAT_FORK === '0' ? spawnLauncher(env, childEnv) : forkServer(env, childEnv, state);
  return {
    run: (cwd, argv) => launcher.run(cwd, argv),
    stop: async () => {
      await launcher.stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}

function spawnLauncher(env: AnsibleEnv, childEnv: NodeJS.ProcessEnv): AnsibleLauncher {
  return {
    run: (cwd, argv) =>
      new Promise((resolve) => {
        execFile(env.playbook, [...argv], { cwd, env: childEnv, maxBuffer: 64 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
          resolve({ exit: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr ? `\n[stderr]\n${stderr}` : ''}` });
        });
      }),
    stop: async () => undefined,
  };
}

function forkServer(env: AnsibleEnv, childEnv: NodeJS.ProcessEnv, state: string): AnsibleLauncher {
  const proc: ChildProcessWithoutNullStreams = spawn(env.python, [SERVER], { env: childEnv, cwd: state });
  const waiting = new Map<number, (rc: number) => void>();
  let nextId = 0;
  let buffered = '';
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const msg = JSON.parse(buffered.slice(0, nl)) as { id: number; rc: number };
      buffered = buffered.slice(nl + 1);
      waiting.get(msg.id)?.(msg.rc);
      waiting.delete(msg.id);
    }
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => {
    for (const done of waiting.values()) done(-1);
    resolve();
  }));
  return {
    run: (cwd, argv) =>
      new Promise((resolve) => {
        const id = nextId++;
        const out = path.join(state, `out-${id}.txt`);
        waiting.set(id, (rc) => {
          let output: string;
          try {
            output = readFileSync(out, 'utf8');
            rmSync(out, { force: true });
          } catch {
            output = `(the ansible fork server ended: ${stderr})`;
          }
          resolve({ exit: rc, output });
        });
        proc.stdin.write(`${JSON.stringify({ id, cwd, argv, out })}\n`);
      }),
    stop: async () => {
      proc.stdin.end();
      await exited;
    },
  };
}
