// Looks up filters and tests by name (with aliases), suggesting the closest name for a misspelt one.

import { didYouMean } from '../../util/closest.js';
import type { FilterFn, TestFn } from './callables.js';
import { ExprError } from './errors.js';
import { DATA_FILTERS } from './filters-data.js';
import { LIST_FILTERS } from './filters-list.js';
import { TEXT_FILTERS } from './filters-text.js';
import { MORE_FILTERS } from './filters-more.js';
import { TEST_ALIASES, TESTS } from './tests.js';

export const FILTERS: Readonly<Record<string, FilterFn>> = { ...DATA_FILTERS, ...TEXT_FILTERS, ...LIST_FILTERS, ...MORE_FILTERS, e: MORE_FILTERS.escape! };

/** Filters whose input may be undefined (they exist to handle it). */
export const LENIENT_FILTERS: ReadonlySet<string> = new Set(['default', 'd', 'mandatory']);
/** Tests whose input may be undefined. */
export const LENIENT_TESTS: ReadonlySet<string> = new Set(['defined', 'undefined']);

export function findFilter(name: string): FilterFn {
  const fn = Object.hasOwn(FILTERS, name) ? FILTERS[name] : undefined;
  if (fn) return fn;
  throw new ExprError(`unknown filter '${name}'${didYouMean(name, Object.keys(FILTERS))}`);
}

export function findTest(name: string): TestFn {
  const canonical = Object.hasOwn(TEST_ALIASES, name) ? TEST_ALIASES[name]! : name;
  const fn = Object.hasOwn(TESTS, canonical) ? TESTS[canonical] : undefined;
  if (fn) return fn;
  throw new ExprError(`unknown test '${name}'${didYouMean(name, [...Object.keys(TESTS), ...Object.keys(TEST_ALIASES)])}`);
}

/** True when a filter or test name exists (for static checks). */
export function hasFilter(name: string): boolean {
  return Object.hasOwn(FILTERS, name);
}
