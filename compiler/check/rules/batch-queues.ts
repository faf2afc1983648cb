import type { Rule } from '../rule.js';

/** Rules about queues; see index.ts. */
export const queuesRules: readonly Rule[] = [];
