import type { Rule } from '../rule.js';

/** Rules about streams; see index.ts. */
export const streamsRules: readonly Rule[] = [];
