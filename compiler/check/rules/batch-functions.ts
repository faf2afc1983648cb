import type { Rule } from '../rule.js';
import { asyncMaxAgeRange } from './async-max-age-range.js';
import { asyncRetriesRange } from './async-retries-range.js';
import { competingConsumers } from './competing-consumers.js';
import { destinationCount } from './destination-count.js';
import { durationUnit } from './duration-unit.js';
import { environment } from './environment.js';
import { functionMemoryRange } from './function-memory-range.js';
import { functionTimeoutRange } from './function-timeout-range.js';
import { recursiveLoop } from './recursive-loop.js';
import { reservedConcurrency } from './reserved-concurrency.js';
import { resourceNameLength } from './resource-name-length.js';
import { runtime } from './runtime.js';
import { unusedDeclaration } from './unused-declaration.js';

/** Rules about functions and the shape of the graph; see index.ts. */
export const functionsRules: readonly Rule[] = [
  asyncRetriesRange,
  asyncMaxAgeRange,
  durationUnit,
  destinationCount,
  runtime,
  environment,
  functionTimeoutRange,
  functionMemoryRange,
  resourceNameLength,
  reservedConcurrency,
  recursiveLoop,
  unusedDeclaration,
  competingConsumers,
];
