// The summary reporter plus each test file's wall time (its hooks included), slowest first, to find what makes npm test slow.
// npx mocha --reporter ./test/file-times-reporter.cjs 'test/lab/**/*.test.ts'   (ESBPLAY_TEST_TIMES=file.json also writes them as JSON)
const fs = require('node:fs');
const path = require('node:path');
const SummaryReporter = require('./summary-reporter.cjs');

class FileTimesReporter extends SummaryReporter {
  constructor(runner, options) {
    super(runner, options);
    const ms = new Map();
    const began = new WeakMap();
    runner.on('suite', (s) => {
      if (s.file && s.parent?.root) began.set(s, Date.now());
    });
    runner.on('suite end', (s) => {
      if (began.has(s)) ms.set(s.file, (ms.get(s.file) ?? 0) + Date.now() - began.get(s));
    });
    // before the spec epilogue, so the summary line stays the last line
    runner.prependOnceListener('end', () => {
      const rows = [...ms].sort((a, b) => b[1] - a[1]).map(([file, t]) => [path.relative(process.cwd(), file), Math.round(t / 100) / 10]);
      process.stdout.write(
        `\nslowest files (seconds, hooks included):\n${rows
          .slice(0, 20)
          .map(([f, s]) => `${String(s).padStart(8)}  ${f}`)
          .join('\n')}\n`,
      );
      if (process.env.ESBPLAY_TEST_TIMES)
        fs.writeFileSync(process.env.ESBPLAY_TEST_TIMES, `${JSON.stringify(Object.fromEntries(rows), null, 1)}\n`);
    });
  }
}

module.exports = FileTimesReporter;
