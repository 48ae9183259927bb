// A keyword given as a template (`become: "{{ x | bool }}"`): kept with its place, rendered per host at run time.

import type { SourceLoc } from '../errors.js';

export class KeywordTemplate {
  constructor(
    /** the keyword as written (`become`, `ignore_errors`) */
    readonly keyword: string,
    /** the template text */
    readonly text: string,
    /** where the value is written */
    readonly loc: SourceLoc | undefined,
  ) {}
}

/** A boolean keyword's value: true/false, or a template giving one at run time. */
export type BoolKeyword = boolean | KeywordTemplate;

/** A number keyword's value: a number, or a template giving one at run time. */
export type NumberKeyword = number | KeywordTemplate;
