import type { Rule } from '../rule.js';
import { functionsRules } from './batch-functions.js';
import { queuesRules } from './batch-queues.js';
import { streamsRules } from './batch-streams.js';
import { asyncSettingsUnused } from './async-settings-unused.js';
import { destinationNeverFires } from './destination-never-fires.js';
import { destinationWithoutOutput } from './destination-without-output.js';
import { dlqTypeMismatch } from './dlq-type-mismatch.js';
import { fifoDestination } from './fifo-destination.js';
import { onFailureTypeMismatch } from './on-failure-type-mismatch.js';
import { pathsRules } from './paths-rules.js';
import { permissionsBoundaryArn } from './permissions-boundary-arn.js';
import { rolePath } from './role-path.js';
import { patternRules } from './patterns.js';
import { ruleIntoFifoQueue } from './rule-into-fifo-queue.js';
import { visibilityBelowTimeout } from './visibility-below-timeout.js';
import { scheduleRate } from './schedule-rate.js';
import { scheduleCron } from './schedule-cron.js';
import { scheduleTimezone } from './schedule-timezone.js';
import { scheduleInputType } from './schedule-input-type.js';
import { scheduleRetriesRange } from './schedule-retries-range.js';
import { scheduleMaxAgeRange } from './schedule-max-age-range.js';
import { scheduleWindowRange } from './schedule-window-range.js';
import { scheduleDlqFifo } from './schedule-dlq-fifo.js';
import { scheduleFifoTarget } from './schedule-fifo-target.js';
import { scheduleDstGap } from './schedule-dst-gap.js';

/**
 * Every checker rule (like graphql-js `specifiedRules`), sorted by code. A test asserts that
 * each code appears once here and has a failing fixture, a passing fixture and a docs page.
 */
export const rules: readonly Rule[] = [
  scheduleDstGap,
  scheduleFifoTarget,
  scheduleDlqFifo,
  scheduleWindowRange,
  scheduleMaxAgeRange,
  scheduleRetriesRange,
  scheduleInputType,
  scheduleTimezone,
  scheduleCron,
  scheduleRate,
  fifoDestination,
  visibilityBelowTimeout,
  destinationNeverFires,
  destinationWithoutOutput,
  asyncSettingsUnused,
  dlqTypeMismatch,
  onFailureTypeMismatch,
  ruleIntoFifoQueue,
  permissionsBoundaryArn,
  rolePath,
  ...functionsRules,
  ...queuesRules,
  ...streamsRules,
  ...pathsRules,
  ...patternRules,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
