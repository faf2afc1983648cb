import type { ScheduleSpec, ScheduleTargetEdge } from '../../manifest/schema.js';
import { type Cron, parseCron } from '../../schedule/cron.js';
import { nextCronFire } from '../../schedule/next.js';
import { rateExpression } from '../../schedule/rate.js';
import { AwsServiceError } from '../errors.js';
import { Priority } from '../event-queue.js';
import { formatDuration, isoTimeSeconds } from '../time.js';
import type { World } from '../world.js';

/** Delay between two delivery attempts of one invocation: Scheduler documents retries, not their timing (docs/simulator.md). */
const RETRY_DELAY_MS = 60_000;

interface Schedule {
  readonly spec: ScheduleSpec;
  readonly edge: ScheduleTargetEdge;
  readonly arn: string;
  readonly cron: Cron | null;
  readonly zone: string;
}

/**
 * EventBridge Scheduler (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html):
 * each enabled schedule with a target fires on the virtual clock. A rate fires at the start of
 * the run (a schedule without a StartDate "starts invoking its target immediately") and then
 * every period of elapsed time; a cron fires at the wall-clock times of its time zone, skipping
 * a time a spring-forward change removes and firing once in an hour a fall-back change repeats
 * (runtime/schedule/next.ts). With a flexible window, the invocation comes at a uniform draw of
 * the seed within the window after the scheduled time. Delivery is Scheduler's templated
 * targets: Lambda's asynchronous invoke, SQS SendMessage, SNS Publish, EventBridge PutEvents.
 * A refused delivery is retried per the RetryPolicy and then sent to the DLQ, if any.
 */
export class SchedulerService {
  constructor(private readonly world: World) {
    for (const spec of world.manifest.schedules) {
      const edge = world.manifest.edges.find((e): e is ScheduleTargetEdge => e.kind === 'schedule-target' && e.source === spec.name);
      if (edge === undefined || spec.state === 'DISABLED') continue;
      const parsed = spec.expression.kind === 'cron' ? parseCron(spec.expression.fields) : null;
      if (parsed !== null && !parsed.ok) throw new AwsServiceError('ValidationException', `Invalid Schedule Expression cron(${spec.expression.kind === 'cron' ? spec.expression.fields : ''}): ${parsed.problem.message}`);
      const schedule: Schedule = { spec, edge, arn: world.addresses.arn('schedule', spec.name), cron: parsed?.cron ?? null, zone: spec.timezone ?? 'UTC' };
      this.planAfter(schedule, spec.expression.kind === 'rate' ? undefined : world.epochMs(0) - 1);
    }
  }

  /** Whether some schedule fires: a run with one never runs out of events, so it needs an end time. */
  static firesForever(manifest: World['manifest']): boolean {
    return manifest.schedules.some((s) => s.state === 'ENABLED' && manifest.edges.some((e) => e.kind === 'schedule-target' && e.source === s.name));
  }

  /** Plans the next fire after Unix time `afterMs`; for a rate, `undefined` is the first fire (now). */
  private planAfter(schedule: Schedule, afterMs: number | undefined): void {
    const world = this.world;
    const { spec } = schedule;
    let at: number | undefined;
    if (spec.expression.kind === 'rate') at = afterMs === undefined ? world.epochMs(world.clock.nowMs) : afterMs + spec.expression.minutes * 60_000;
    else at = nextCronFire(schedule.cron!, schedule.zone, afterMs ?? world.epochMs());
    if (at === undefined) return; // a cron whose years are over
    const scheduledMs = at - world.options.epochMs;
    const windowMs = spec.flexibleWindowMinutes === null ? 0 : Math.floor(world.rng.float() * spec.flexibleWindowMinutes * 60_000);
    world.schedule(scheduledMs + windowMs, Priority.Arrive, () => {
      this.fire(schedule, at, 1, world.clock.nowMs);
      this.planAfter(schedule, at);
    });
  }

  private fire(schedule: Schedule, scheduledEpochMs: number, attempt: number, firstAttemptMs: number): void {
    const world = this.world;
    const { spec, edge } = schedule;
    const payload = spec.input ?? {
      schedule: schedule.arn,
      scheduledTime: isoTimeSeconds(scheduledEpochMs),
      executionId: world.rng.hex(16),
      attempt: String(attempt),
    };
    const expression = spec.expression.kind === 'rate' ? rateExpression(spec.expression.minutes) : `cron(${spec.expression.fields})${spec.timezone === null ? '' : ` ${spec.timezone}`}`;
    if (attempt === 1) world.trace.record(spec.name, 'fire', `${expression} · scheduled ${isoTimeSeconds(scheduledEpochMs)} → ${edge.target} (${edge.targetKind})`);
    const from = `schedule ${spec.name}`;
    try {
      const body = JSON.stringify(payload);
      switch (edge.targetKind) {
        case 'fn':
          world.router.invokeAsync(edge.target, payload, from);
          break;
        case 'queue':
          world.router.sendMessage(edge.target, { body, groupId: this.groupOf(schedule), from });
          break;
        case 'topic':
          world.router.publish(edge.target, { message: body, from });
          break;
        case 'bus':
          world.router.putEvent(edge.target, { source: world.manifest.app, detailType: spec.name, detail: payload, from });
          break;
      }
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      this.failed(schedule, scheduledEpochMs, attempt, firstAttemptMs, error);
    }
  }

  /** Retries by the RetryPolicy, then the dead-letter queue (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html). */
  private failed(schedule: Schedule, scheduledEpochMs: number, attempt: number, firstAttemptMs: number, error: AwsServiceError): void {
    const world = this.world;
    const { spec, edge } = schedule;
    const retryAt = world.clock.nowMs + RETRY_DELAY_MS;
    const retriesLeft = attempt <= spec.retryAttempts && retryAt - firstAttemptMs <= spec.maximumEventAgeSeconds * 1000;
    if (retriesLeft) {
      world.trace.record(spec.name, 'error', `${edge.target} refused attempt ${attempt}: ${error.name}: ${error.message} · attempt ${attempt + 1} in ${formatDuration(RETRY_DELAY_MS)}`);
      world.schedule(retryAt, Priority.Arrive, () => this.fire(schedule, scheduledEpochMs, attempt + 1, firstAttemptMs));
      return;
    }
    const condition = attempt > spec.retryAttempts ? 'MaximumRetryAttemptsExceeded' : 'MaximumEventAgeExceeded';
    world.trace.record(spec.name, 'error', `${edge.target} refused attempt ${attempt}: ${error.name}: ${error.message} · gave up (${condition})`);
    if (spec.deadLetterQueue === null) return;
    const attributes = {
      ERROR_CODE: { DataType: 'String', StringValue: error.name },
      ERROR_MESSAGE: { DataType: 'String', StringValue: error.message },
      EXHAUSTED_RETRY_CONDITION: { DataType: 'String', StringValue: condition },
      RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(attempt - 1) },
      SCHEDULE_ARN: { DataType: 'String', StringValue: schedule.arn },
      TARGET_ARN: { DataType: 'String', StringValue: edge.targetKind === 'fn' ? world.addresses.functionArn(edge.target) : world.addresses.arn(edge.targetKind, edge.target) },
    };
    const body = JSON.stringify(spec.input ?? {});
    world.router.sendMessage(spec.deadLetterQueue, { body, attributes, from: `schedule ${spec.name} (dead letter)`, label: `dead-letter event of ${spec.name}` });
  }

  /** The MessageGroupId of a FIFO queue target, as the template gives it (resources/schedules.ts). */
  private groupOf(schedule: Schedule): string | undefined {
    const queue = this.world.manifest.queues.find((q) => q.name === schedule.edge.target);
    if (queue === undefined || !queue.fifo) return undefined;
    let value: unknown = schedule.spec.input;
    const path = queue.fifoSettings?.groupBy ?? null;
    for (const segment of path ?? []) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
    return path !== null && typeof value === 'string' && value !== '' ? value : schedule.spec.name;
  }
}
