// Writes schema/*.json: the editor schemas from the keyword table and module definitions, the jsonl event schema from its TypeScript types.
// Run with `npm run build:schema`; test/package/schema.test.ts fails when a committed file differs from what this writes.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { allSchemas } from '../src/schema/playbook-schemas.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The JSON Schema of one line of `--output jsonl` (the JsonlEvent union of src/report/jsonl-events.ts). */
export function eventsSchema(): Record<string, unknown> {
  const generator = createGenerator({
    path: path.join(here, '../src/report/jsonl-events.ts'),
    tsconfig: path.join(here, '../tsconfig.json'),
    type: 'JsonlEvent',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  return { ...generator.createSchema('JsonlEvent'), title: 'esbplay --output jsonl event' };
}

/** Every schema file's expected text, by file name. */
export function schemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries({ ...allSchemas(), 'events.schema.json': eventsSchema() }))
    out[name] = `${JSON.stringify(schema, null, 2)}\n`;
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, text] of Object.entries(schemaFiles())) {
    writeFileSync(path.join(here, name), text);
    process.stdout.write(`wrote schema/${name} (${text.length} bytes)\n`);
  }
}
