// The esbplay CLI as its own process for tests that need real signals, mounts or exits (same as bin/esbplay.js, from source).

import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
