// The esbplay CLI as its own process for tests that need real signals, mounts or exits (same as bin/esbplay.js, from source).

import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // memory tests read the peak resident set size of the whole run
  if (process.env.ESBPLAY_TEST_REPORT_RSS) process.stderr.write(`esbplay-test: maxrss_kb=${process.resourceUsage().maxRSS}\n`);
});
