#!/usr/bin/env node
// esbplay command-line entry: hands argv to the compiled CLI (dist/; in a git checkout, `npm run build` makes it).
import { existsSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 lets the old generation grow up to 4x what survived the last full GC before the next one; a
// run's garbage (a DOM per XML edit per host, diffs) then sets the peak RSS, not what it keeps.
// 1.5x: 100-host first converge peak RSS ~400 -> ~270 MB, CPU time unchanged within noise (bench/RESULTS.md).
setFlagsFromString('--heap-growing-percent=50');

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('esbplay: dist/ is missing: run `npm run build` in the esbplay checkout first\n');
  process.exit(1);
}
// the one-file bundle (npm run build:cli) starts several times faster; never one older than dist/
const bundle = new URL('../dist/esbplay.mjs', import.meta.url);
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(cli).mtimeMs;
const { main } = await import((fresh ? bundle : cli).href);
process.exitCode = await main(process.argv.slice(2));
