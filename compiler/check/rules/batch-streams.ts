import type { Rule } from '../rule.js';
import { edgeSettingNotApplicable } from './edge-setting-not-applicable.js';
import { keyFieldType } from './key-field-type.js';
import { parallelizationRange } from './parallelization-range.js';
import { recordAgeRange } from './record-age-range.js';
import { ruleNeverMatches } from './rule-never-matches.js';
import { ruleTargetRetryRange } from './rule-target-retry-range.js';
import { startingPosition } from './starting-position.js';
import { streamAttributeRange } from './stream-attribute-range.js';
import { streamBlocksOnPoisonRecord } from './stream-blocks-on-poison-record.js';
import { streamOnFailureTarget } from './stream-on-failure-target.js';
import { streamRetriesRange } from './stream-retries-range.js';
import { idempotencyKeyType } from './idempotency-key-type.js';
import { idempotencyReservedField } from './idempotency-reserved-field.js';
import { idempotencyTableStream } from './idempotency-table-stream.js';
import { idempotencyTableTtl } from './idempotency-table-ttl.js';
import { tableStreamRequired } from './table-stream-required.js';
import { tableTtlAttribute } from './table-ttl-attribute.js';
import { unknownKeyField } from './unknown-key-field.js';

/** Rules about streams, tables, edges, buses and key fields; see index.ts. */
export const streamsRules: readonly Rule[] = [
  unknownKeyField,
  keyFieldType,
  ruleNeverMatches,
  edgeSettingNotApplicable,
  startingPosition,
  parallelizationRange,
  streamRetriesRange,
  recordAgeRange,
  tableStreamRequired,
  streamAttributeRange,
  streamBlocksOnPoisonRecord,
  streamOnFailureTarget,
  ruleTargetRetryRange,
  idempotencyTableTtl,
  idempotencyKeyType,
  idempotencyReservedField,
  idempotencyTableStream,
  tableTtlAttribute,
];
