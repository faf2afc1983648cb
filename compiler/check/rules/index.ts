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
import { stageAccount } from './stage-account.js';
import { stageRegion } from './stage-region.js';
import { stackNameRule } from './stack-name.js';
import { tagRules } from './tag-rules.js';
import { tagCount } from './tag-count.js';
import { ssmParameterName } from './ssm-parameter-name.js';
import { secretName } from './secret-name.js';
import { routeMissing } from './route-missing.js';
import { apiType } from './api-type.js';
import { routeSyntax } from './route-syntax.js';
import { duplicateRoute } from './duplicate-route.js';
import { routeInputWithoutBody } from './route-input-without-body.js';
import { routeTimeout } from './route-timeout.js';
import { corsOrigin } from './cors-origin.js';
import { bucketNameRule } from './bucket-name.js';
import { notificationOverlap } from './notification-overlap.js';
import { notificationFifoTarget } from './notification-fifo-target.js';
import { bucketType } from './bucket-type.js';
import { bucketWriteLoop } from './bucket-write-loop.js';
import { notificationFilterValue } from './notification-filter-value.js';
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
import { existingFifoSuffix } from './existing-fifo-suffix.js';
import { existingOwnerSetting } from './existing-owner-setting.js';
import { existingRegion } from './existing-region.js';
import { existingAccount } from './existing-account.js';
import { existingTableStream } from './existing-table-stream.js';
import { filterOperatorUnsupported } from './filter-operator-unsupported.js';
import { filterCriteriaLimits } from './filter-criteria-limits.js';
import { filterPolicyLimits } from './filter-policy-limits.js';
import { filterNewImage } from './filter-new-image.js';

/**
 * Every checker rule (like graphql-js `specifiedRules`), in no particular order: the program's
 * diagnostics are sorted by position (compiler/program.ts). A test asserts that each code
 * appears once here and has a failing fixture, a passing fixture and a docs page.
 */
export const rules: readonly Rule[] = [
  existingTableStream,
  existingAccount,
  existingRegion,
  existingOwnerSetting,
  existingFifoSuffix,
  filterNewImage,
  filterPolicyLimits,
  filterCriteriaLimits,
  filterOperatorUnsupported,
  stackNameRule,
  stageRegion,
  stageAccount,
  secretName,
  ssmParameterName,
  tagCount,
  tagRules,
  corsOrigin,
  routeTimeout,
  routeInputWithoutBody,
  duplicateRoute,
  routeSyntax,
  apiType,
  routeMissing,
  notificationFilterValue,
  bucketWriteLoop,
  bucketType,
  notificationFifoTarget,
  notificationOverlap,
  bucketNameRule,
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
