import type { Rule } from '../rule.js';

/** Rules about functions; see index.ts. */
export const functionsRules: readonly Rule[] = [];
