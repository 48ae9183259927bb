// Build step (npm run build:cli): bundles the compiled CLI (dist/cli/main.js and its dependencies) into dist/esbplay.mjs.
//
// Node 20 loads the CLI as about 240 ES modules of dist/ plus 120 CommonJS files of dependencies;
// resolving, reading and compiling them was most of the CLI's start-up (about 260 ms of CPU before
// the first output). One file loads in about a third of that. ssh2 stays outside (its optional
// native addon is found relative to its own files). bin/esbplay.js uses the bundle only when it is
// at least as new as dist/cli/main.js, so a plain `tsc` build never runs a stale bundle.

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)); // the package root (scripts/..)
await build({
  absWorkingDir: root,
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/esbplay.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['ssh2'],
  sourcemap: 'linked',
  logLevel: 'warning',
  // bundled CommonJS dependencies call require() for Node's own modules
  banner: { js: "import { createRequire as __esbplayCreateRequire } from 'node:module'; const require = __esbplayCreateRequire(import.meta.url);" },
});
