import { eventBridge } from '../../runtime/aws/limits.js';
import type { Pattern, RuleMatch } from '../../runtime/manifest/schema.js';
import type { PayloadType } from '../../runtime/manifest/types.js';
import { eventBridgeCondition } from '../../runtime/pattern/event-bridge.js';
import { valueMatches } from '../../runtime/pattern/event-ruler.js';

/**
 * The kinds of events on a bus in the flow's closed world: the records of each Lambda
 * destination that goes to the bus (source `lambda`, the detail-type of the outcome), and the
 * events the app's own code puts there (source: the app name; any detail-type). A bus that
 * nothing in the flow puts events on is fed from outside and has no known kinds.
 */
export interface BusEventKind {
  /** `charge.failure`, or `app` for the app's own events. */
  readonly key: string;
  /** How a rule without `match` selects these events. */
  readonly match: RuleMatch;
  /** Their `detail`. */
  readonly payload: PayloadType;
  readonly source: string;
  /** Known for destination records; the app's code chooses its own. */
  readonly detailType: string | undefined;
}

export function destinationKind(fn: string, condition: 'success' | 'failure'): BusEventKind {
  return {
    key: `${fn}.${condition}`,
    match: { kind: 'destination', function: fn, condition },
    payload: { kind: 'invocation', condition, function: fn },
    source: eventBridge.destinationSource,
    detailType: condition === 'success' ? eventBridge.successDetailType : eventBridge.failureDetailType,
  };
}

export function appEventsKind(app: string, detail: PayloadType): BusEventKind {
  return { key: 'app', match: { kind: 'app-events' }, payload: detail, source: app, detailType: undefined };
}

/**
 * Whether a pattern can match some event of this kind, judged on what is known of it: its
 * `source` and, for destination records, its `detail-type`. Other fields are unknown here and
 * may match. The conditions are evaluated by the simulator's matcher, so that both agree.
 */
export function canMatch(pattern: Pattern, kind: BusEventKind): boolean {
  const known: Record<string, string | undefined> = { source: kind.source, 'detail-type': kind.detailType };
  for (const entry of pattern.entries) {
    if (entry.kind === 'anyOf') {
      if (!entry.alternatives.some((alternative) => canMatch(alternative, kind))) return false;
      continue;
    }
    if (!(entry.name in known)) continue;
    const value = known[entry.name];
    if (value === undefined) continue;
    // A string field is never an object, so a nested pattern on it cannot match.
    if (entry.match.kind === 'nested') return false;
    if (!entry.match.conditions.some((condition) => valueMatches(eventBridgeCondition(condition), value))) return false;
  }
  return true;
}

/** Words for a kind of events, for messages: `failure<charge>` records, or the app's own events. */
export function describeKind(kind: BusEventKind): string {
  return kind.key === 'app' ? `the events the app's code puts there (source "${kind.source}")` : `the ${kind.match.kind === 'destination' ? kind.match.condition : ''} records of \`${kind.key.split('.')[0]}\` (source "${kind.source}", detail-type "${kind.detailType}")`;
}
