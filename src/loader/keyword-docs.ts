// The keyword tables of docs/playbooks.md, generated from the keyword declarations (keywords.ts is the source).

import { KEYWORDS, keywordsOf, type Keyword, type KeywordSpec, type Level } from './keywords.js';

const LEVEL_TITLES: Record<Level, string> = { play: 'play', block: 'block', task: 'task', role: 'role entry' };

function begin(level: Level): string {
  return `<!-- keywords:${level}:begin (generated from src/loader/keywords.ts; do not edit) -->`;
}
function end(level: Level): string {
  return `<!-- keywords:${level}:end -->`;
}

/** The markdown table of the keywords valid at a level: keyword, where else it is valid, meaning. */
export function renderKeywordTable(level: Level): string {
  const rows = ['| keyword | also valid on | meaning |', '| --- | --- | --- |'];
  for (const k of keywordsOf(level)) {
    const spec: KeywordSpec = KEYWORDS[k as Keyword];
    const also = spec.levels.filter((l) => l !== level).map((l) => LEVEL_TITLES[l]).join(', ');
    const inherited = spec.inherited ? ' (inherited by blocks and tasks)' : '';
    rows.push(`| \`${k}\` | ${also} | ${spec.doc.replace(/\|/g, '\\|')}${level === 'play' ? inherited : ''} |`);
  }
  return `${rows.join('\n')}\n`;
}

/** Replaces the generated table of each level in a docs page (levels without markers are left alone). */
export function updateKeywordTables(page: string): string {
  let out = page;
  for (const level of ['play', 'block', 'task', 'role'] as const) {
    const b = out.indexOf(begin(level));
    const e = out.indexOf(end(level));
    if (b < 0 || e < b) continue;
    out = `${out.slice(0, b)}${begin(level)}\n${renderKeywordTable(level)}${end(level)}${out.slice(e + end(level).length)}`;
  }
  return out;
}
