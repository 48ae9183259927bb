// Reads the keywords of one level from a YAML mapping, as the keyword table declares them.

import { didYouMean } from '../util/closest.js';
import { conditionList, optBoolKeyword, optCount, optMapping, optNumberKeyword, optString, stringList, varsMap } from './fields.js';
import { fieldOf, KEYWORDS, keywordsOf, type Keyword, type KeywordKind, type KeywordSpec, type Level } from './keywords.js';
import { errorAt } from './yaml.js';

type Obj = Record<string, unknown>;

const READERS: Record<Exclude<KeywordKind, 'section'>, (o: Obj, key: string) => unknown> = {
  string: optString,
  bool: optBoolKeyword,
  number: optNumberKeyword,
  count: optCount,
  strings: stringList,
  conditions: conditionList,
  vars: varsMap,
  mapping: optMapping,
  raw: (o, key) => (o[key] === null ? undefined : o[key]),
};

const LEVEL_NAMES: Record<Level, string> = { play: 'play keyword', block: 'keyword in a block', task: 'keyword in task', role: 'keyword in a role entry' };

/** An error for the first key of `o` that is not a keyword of `level` (and not in `also`). */
export function rejectUnknown(o: Obj, level: Level, also: readonly string[] = []): void {
  const valid = [...keywordsOf(level), ...also];
  for (const k of Object.keys(o)) {
    if (!valid.includes(k)) throw errorAt(`unknown ${LEVEL_NAMES[level]} '${k}'${didYouMean(k, valid)}`, o, k);
  }
}

/** Every non-section keyword of the level present in `o`, read into its model field (absent ones are left out). */
export function readKeywords(o: Obj, level: Level): Obj {
  const out: Obj = {};
  for (const k of keywordsOf(level)) {
    const spec: KeywordSpec = KEYWORDS[k as Keyword];
    if (spec.kind === 'section' || !(k in o)) continue;
    const v = READERS[spec.kind](o, k);
    if (spec.choices && typeof v === 'string' && !v.includes('{{') && !spec.choices.includes(v)) {
      throw errorAt(`'${k}' must be one of ${spec.choices.join(', ')}, got '${v}'${didYouMean(v, spec.choices)}`, o, k);
    }
    if (v !== undefined) out[fieldOf(k)] = v;
  }
  return out;
}
