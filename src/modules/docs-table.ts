// Markdown argument tables for docs/modules/*.md, generated from the module definitions (the schema is the source).

import type { ArgSpec, ModuleDefinition } from './types.js';

const BEGIN = '<!-- args:begin (generated from the module definition; do not edit) -->';
const END = '<!-- args:end -->';

function formatValue(v: unknown): string {
  if (typeof v === 'string') return /^[\w./ {}#-]*$/.test(v) && v !== '' ? `\`${v}\`` : `\`${JSON.stringify(v)}\``;
  if (typeof v === 'number' && Number.isInteger(v) && v > 7 && v <= 0o7777) return `\`${String(v)}\``;
  return `\`${JSON.stringify(v)}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function typeOf(spec: ArgSpec): string {
  return spec.type === 'list' && spec.elements ? `list of ${spec.elements}` : spec.type;
}

/** The markdown table of a module's arguments: name, type, required/default, choices, aliases, description. */
export function renderArgTable(def: ModuleDefinition): string {
  const rows = ['| argument | type | required / default | choices | aliases | description |', '| --- | --- | --- | --- | --- | --- |'];
  for (const [name, spec] of Object.entries(def.schema.args)) {
    const req = spec.required ? '**required**' : spec.default !== undefined ? formatValue(spec.default) : '';
    const choices = (spec.choices ?? []).map(formatValue).join(', ');
    const aliases = (spec.aliases ?? []).map((a) => `\`${a}\``).join(', ');
    const free = def.schema.freeForm === name ? ' (free-form)' : '';
    rows.push(`| \`${name}\`${free} | ${typeOf(spec)} | ${req} | ${cell(choices)} | ${aliases} | ${cell(spec.description)} |`);
  }
  const s = def.schema;
  const notes: string[] = [];
  for (const set of s.mutuallyExclusive ?? []) notes.push(`- Mutually exclusive: ${set.map((a) => `\`${a}\``).join(', ')}.`);
  for (const set of s.requiredOneOf ?? []) notes.push(`- One of ${set.map((a) => `\`${a}\``).join(', ')} is required.`);
  for (const [arg, value, req] of s.requiredIf ?? []) notes.push(`- \`${arg}: ${String(value)}\` requires ${req.map((a) => `\`${a}\``).join(', ')}.`);
  notes.push(`- Check mode: **${def.checkMode}**.`);
  return `${rows.join('\n')}\n\n${notes.join('\n')}\n`;
}

/** Replaces (or appends) the generated block of a docs page with the current table. */
export function updateArgTable(page: string, def: ModuleDefinition): string {
  const block = `${BEGIN}\n${renderArgTable(def)}${END}`;
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) return `${page.trimEnd()}\n\n## Arguments\n\n${block}\n`;
  return page.slice(0, start) + block + page.slice(end + END.length);
}
