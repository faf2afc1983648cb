import type { Rule } from '../rule.js';
import { patternEmpty } from './pattern-empty.js';
import { patternNumberRange } from './pattern-number-range.js';
import { patternOperatorType } from './pattern-operator-type.js';
import { patternTooLarge } from './pattern-too-large.js';
import { patternUnknownField } from './pattern-unknown-field.js';
import { patternValueNotInUnion } from './pattern-value-not-in-union.js';
import { ruleFifoDedupe } from './rule-fifo-dedupe.js';

/** Rules about bus rules' `match` patterns and their targets; see index.ts. */
export const patternRules: readonly Rule[] = [
  patternOperatorType, // FL3013
  patternValueNotInUnion, // FL3014
  patternUnknownField, // FL3015
  patternEmpty, // FL4048
  patternTooLarge, // FL4049
  patternNumberRange, // FL4050
  ruleFifoDedupe, // FL4051
];
