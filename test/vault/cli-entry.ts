// Runs the esbplay CLI from source in a child process (tests that need stdin, a terminal or a real exit code).
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
