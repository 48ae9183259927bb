// The docs stay true to the code: docs/cli.md's settings table is the generated one, docs/graph.md shows the current picture of inventories/prod.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderSettingsTable } from '../../src/cli/settings-docs.js';
import { ROOT, cli } from './cli-helpers.js';

describe('docs: the command line', () => {
  it('docs/cli.md holds the settings table generated from src/cli/run-settings.ts', () => {
    const page = readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
    assert.ok(
      page.includes(renderSettingsTable()),
      'docs/cli.md: paste the output of renderSettingsTable() (src/cli/settings-docs.ts) between the settings markers',
    );
  });

  it('docs/graph.md shows what esbplay graph -i prod prints now', async () => {
    const r = await cli(['graph', '-i', 'prod'], { cwd: ROOT });
    assert.equal(r.code, 0, r.err);
    const page = readFileSync(path.join(ROOT, 'docs/graph.md'), 'utf8');
    assert.ok(
      page.includes(`\`\`\`mermaid\n${r.out}\`\`\``),
      'docs/graph.md: replace the mermaid block with the output of esbplay graph -i prod (and redraw docs/cluster-prod.svg with -o)',
    );
  });
});
