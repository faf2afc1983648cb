/**
 * The limits flowc puts on its input, in one place; docs/language.md ("Limits") lists them.
 * Each one is far above any hand-written flow (a 10,000-function flow is 1.3 MB, 270,000
 * tokens and 22,000 declarations) and each keeps one phase's time, memory or stack bounded
 * whatever it is given; each has its own diagnostic when it is hit.
 */
export { MAX_SOURCE_BYTES } from '../source/decode.js';
export { MAX_NESTING_DEPTH, MAX_TOKENS } from '../../grammar/index.js';

/** FL1014: declarations (`app`, `type`, `fn`, resources) in one file. */
export const MAX_DECLARATIONS = 250_000;

/**
 * FL3010/FL3011: levels of one type (each record, array, union and named type is one), as
 * written (FL3010) and with the types it names filled in (FL3011).
 */
export const MAX_TYPE_DEPTH = 64;
