#!/usr/bin/env node
// esbplay command-line entry: hands argv to the compiled CLI.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
