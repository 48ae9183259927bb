#!/usr/bin/env node
// esbplay command-line entry: hands argv to the compiled CLI (dist/; in a git checkout, `npm run build` makes it).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('esbplay: dist/ is missing: run `npm run build` in the esbplay checkout first\n');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
