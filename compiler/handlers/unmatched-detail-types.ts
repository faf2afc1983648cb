import type { FlowManifest, RuleEdge, RuleMatch } from '../../runtime/manifest/schema.js';
import { eventBridgePattern } from '../../runtime/pattern/event-bridge.js';
import { matchesEventPattern } from '../../runtime/pattern/event-ruler.js';
import type { DetailTypePut } from './facts.js';
import type { Place } from './handler-export.js';

/** A literal `detailType` a handler passes to a bus client, that no rule of the bus matches. */
export interface UnmatchedDetailType {
  readonly bus: string;
  readonly detailType: string;
  readonly place: Place;
  /** How many rules the bus has in the flow (at least one: a bus without any is read elsewhere). */
  readonly rules: number;
}

/**
 * The `detailType` literals a handler puts on a bus (`detailTypePuts` of handler-export.ts)
 * that no rule of the bus can match: the app's events have its name as `source`
 * (runtime/clients/bus-stream.ts), so a rule matches when its pattern's `source` and
 * `detail-type` accept the event's; what it asks of `detail` is not known here and is assumed
 * to match, so nothing is reported that a rule could take. Buses no rule of the flow reads are left alone: other apps may read them.
 */
export function unmatchedDetailTypes(puts: readonly DetailTypePut[], manifest: FlowManifest, sends: readonly string[]): UnmatchedDetailType[] {
  if (puts.length === 0) return [];
  const rulesOf = rulesByBus(manifest);
  const found: UnmatchedDetailType[] = [];
  for (const put of puts) {
    const rules = sends.includes(put.client) ? rulesOf.get(put.client) : undefined;
    if (rules === undefined) continue;
    const event = { source: manifest.app, 'detail-type': put.detailType };
    if (rules.some((rule) => couldMatch(rule.match, event))) continue;
    found.push({ bus: put.client, detailType: put.detailType, place: put.place, rules: rules.length });
  }
  return found;
}

const rulesByBusOf = new WeakMap<FlowManifest, Map<string, RuleEdge[]>>();

/** The rules of each bus, once per manifest: every handler of a large flow asks. */
function rulesByBus(manifest: FlowManifest): Map<string, RuleEdge[]> {
  let rules = rulesByBusOf.get(manifest);
  if (rules === undefined) {
    rules = new Map();
    for (const edge of manifest.edges) {
      if (edge.kind === 'rule') rules.set(edge.source, [...(rules.get(edge.source) ?? []), edge]);
    }
    rulesByBusOf.set(manifest, rules);
  }
  return rules;
}

/** Whether a rule can take an event of the app with this `source` and `detail-type`, whatever its detail. */
function couldMatch(match: RuleMatch, event: { readonly source: string; readonly 'detail-type': string }): boolean {
  switch (match.kind) {
    case 'app-events':
      return true;
    case 'destination':
      return false;
    case 'pattern': {
      // Only the two fields the app decides are kept; dropping the others (detail, `$or`…)
      // can only make the pattern match more, never report a rule that could match.
      const pattern = eventBridgePattern(match.pattern);
      const kept = Object.fromEntries(Object.entries(pattern).filter(([key]) => key === 'source' || key === 'detail-type'));
      return Object.keys(kept).length === 0 || matchesEventPattern(kept, event);
    }
  }
}
