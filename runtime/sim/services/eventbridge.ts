import { eventBridge as eventBridgeLimits } from '../../aws/limits.js';
import type { RuleEdge } from '../../manifest/schema.js';
import { type EventPattern, eventBridgePattern } from '../../pattern/event-bridge.js';
import { matchesEventPattern } from '../../pattern/event-ruler.js';
import { eventBridgeEvent, type EventBridgeEventShape } from '../envelopes.js';
import { AwsServiceError } from '../errors.js';
import { Priority } from '../event-queue.js';
import { preview, shortId } from '../trace.js';
import type { BusEntry, World } from '../world.js';

/**
 * Amazon EventBridge (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html): `PutEvents` on a bus, then every rule whose pattern matches sends
 * the event to its target: a function (asynchronous invocation with the event) or a queue (the
 * event as the message body). Delivery to Lambda's queue and to SQS succeeds at once, so the
 * rules' retry policies never come into play.
 */
export class EventBridgeService {
  private readonly rules = new Map<string, RuleEdge[]>();
  /** Each `match` as the EventPattern JSON the template holds, so that the simulator matches what AWS would. */
  private readonly patterns = new Map<RuleEdge, EventPattern>();

  constructor(private readonly world: World) {
    for (const bus of world.manifest.buses) this.rules.set(bus.name, []);
    for (const edge of world.manifest.edges) {
      if (edge.kind !== 'rule') continue;
      this.rules.get(edge.source)?.push(edge);
      if (edge.match.kind === 'pattern') this.patterns.set(edge, eventBridgePattern(edge.match.pattern));
    }
  }

  putEvent(bus: string, entry: BusEntry): string {
    const world = this.world;
    const rules = this.rules.get(bus);
    if (rules === undefined) throw new AwsServiceError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
    const id = world.rng.uuid();
    const event = eventBridgeEvent(id, entry.detailType, entry.source, world.addresses, world.epochMs(), entry.resources ?? [], entry.detail);
    const json = JSON.stringify(event);
    if (Buffer.byteLength(json) > eventBridgeLimits.eventBytesMax) throw new AwsServiceError('ValidationException', 'Total size of the entries in the request is over the limit.');
    world.trace.record(bus, 'put-event', `event ${shortId(id)} from ${entry.from} · ${entry.detailType} · source ${entry.source}${world.trace.enabled ? ` · ${entry.label ?? preview(entry.detail, 80)}` : ''}`);
    world.schedule(world.clock.nowMs, Priority.Arrive, () => this.route(bus, rules, event, json));
    return id;
  }

  private route(bus: string, rules: readonly RuleEdge[], event: EventBridgeEventShape, json: string): void {
    const world = this.world;
    for (const rule of rules) {
      if (!this.matches(rule, event)) continue;
      world.trace.record(bus, 'match', `event ${shortId(event.id)} → rule ${rule.id} → ${rule.target}`);
      try {
        if (rule.targetKind === 'fn') world.router.invokeAsync(rule.target, JSON.parse(json), `bus ${bus}`);
        else world.router.sendMessage(rule.target, { body: json, from: `bus ${bus}`, label: `event ${shortId(event.id)}` });
      } catch (error) {
        world.trace.record(bus, 'warning', `delivery to ${rule.target} failed: ${(error as Error).message}`);
      }
    }
  }

  private matches(rule: RuleEdge, event: EventBridgeEventShape): boolean {
    const match = rule.match;
    switch (match.kind) {
      case 'destination':
        return (
          event.source === eventBridgeLimits.destinationSource &&
          event['detail-type'] === (match.condition === 'success' ? eventBridgeLimits.successDetailType : eventBridgeLimits.failureDetailType) &&
          event.resources.includes(this.world.addresses.qualifiedFunctionArn(match.function))
        );
      case 'app-events':
        return event.source === this.world.manifest.app;
      case 'pattern':
        return matchesEventPattern(this.patterns.get(rule), event);
    }
  }
}
