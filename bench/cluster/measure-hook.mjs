// Preloaded into a measured esbplay run (node --import): counts SSH round trips per host and records peak RSS and CPU time.
//
// Counts what the controller asks of each host through ssh2: connections (handshakes), exec channels,
// SFTP channels, TCP forwards and SFTP requests (one per protocol request: open, read, fstat, ...).
// Written as JSON to $ESBPLAY_BENCH_MEASURE when the process exits. Measurement only: it wraps ssh2's
// public methods and changes nothing they do.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const out = process.env.ESBPLAY_BENCH_MEASURE;
const started = process.hrtime.bigint();
const hosts = new Map();

function countsOf(host) {
  let c = hosts.get(host);
  if (!c) hosts.set(host, (c = { connects: 0, execs: 0, sftpChannels: 0, forwards: 0, sftpRequests: 0 }));
  return c;
}

function wrap(proto, names, count) {
  for (const name of names) {
    const orig = proto[name];
    if (typeof orig !== 'function') continue;
    proto[name] = function (...args) {
      count(this, name, args);
      return orig.apply(this, args);
    };
  }
}

// one SFTP protocol request each; composite helpers (readFile, fastGet, chmod, readdir(path)...) call these
const SFTP_REQUESTS = ['open', 'close', 'readData', 'writeData', 'fstat', 'stat', 'lstat', 'opendir', 'unlink', 'rename', 'mkdir', 'rmdir',
  'setstat', 'fsetstat', 'readlink', 'symlink', 'realpath', 'ext_openssh_rename', 'ext_openssh_statvfs', 'ext_openssh_fstatvfs',
  'ext_openssh_hardlink', 'ext_openssh_fsync', 'ext_openssh_lsetstat', 'ext_openssh_expandPath', 'ext_copy_data', 'ext_home_dir', 'ext_users_groups'];

function install() {
  const require = createRequire(pathToFileURL(process.argv[1] ?? `${process.cwd()}/x.js`));
  let ssh2;
  try {
    ssh2 = require('ssh2');
  } catch {
    return; // no ssh2 where the program lives: nothing to count
  }
  const { SFTP } = require(require.resolve('ssh2').replace(/index\.js$/, 'protocol/SFTP.js'));
  const hostOf = (client) => `${client?.config?.host ?? '?'}:${client?.config?.port ?? '?'}`;
  const kinds = { connect: 'connects', exec: 'execs', sftp: 'sftpChannels', forwardOut: 'forwards' };
  wrap(ssh2.Client.prototype, Object.keys(kinds), (client, name, args) => {
    // connect() sets config.host itself: take it from the arguments
    const host = name === 'connect' ? `${args[0]?.host ?? args[0]?.hostname ?? '?'}:${args[0]?.port ?? 22}` : hostOf(client);
    countsOf(host)[kinds[name]]++;
  });
  wrap(SFTP.prototype, SFTP_REQUESTS, (sftp) => countsOf(hostOf(sftp._client)).sftpRequests++);
  // readdir(handle) is one request; readdir(path) is opendir + readdir(handle)... + close
  wrap(SFTP.prototype, ['readdir'], (sftp, _n, args) => {
    if (Buffer.isBuffer(args[0])) countsOf(hostOf(sftp._client)).sftpRequests++;
  });
}

if (out) {
  install();
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({
      wallMs: Number(process.hrtime.bigint() - started) / 1e6,
      maxRssKB: u.maxRSS,
      userMs: u.userCPUTime / 1000,
      sysMs: u.systemCPUTime / 1000,
      hosts: Object.fromEntries(hosts),
    }));
  });
}
