import { Node, type SourceFile as TsSourceFile, SyntaxKind } from 'ts-morph';
import type { FlowManifest, RuleEdge, RuleMatch } from '../../runtime/manifest/schema.js';
import { eventBridgePattern } from '../../runtime/pattern/event-bridge.js';
import { matchesEventPattern } from '../../runtime/pattern/event-ruler.js';
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
 * The `detailType` literals of `….sends.<bus>.put(detail, { detailType: '…' })` and of the
 * entries of `….sends.<bus>.putBatch([{ detail, detailType: '…' }])` that no rule of the bus
 * can match: the app's events have its name as `source` (runtime/clients/bus-stream.ts), so a
 * rule matches when its pattern's `source` and `detail-type` accept the event's; what it asks
 * of `detail` is not known here and is assumed to match, so nothing is reported that a rule
 * could take. Buses no rule of the flow reads are left alone: other apps may read them.
 */
export function unmatchedDetailTypes(source: TsSourceFile, manifest: FlowManifest, sends: readonly string[]): UnmatchedDetailType[] {
  const rulesOf = new Map<string, RuleEdge[]>();
  for (const edge of manifest.edges) {
    if (edge.kind !== 'rule' || !sends.includes(edge.source)) continue;
    rulesOf.set(edge.source, [...(rulesOf.get(edge.source) ?? []), edge]);
  }
  const found: UnmatchedDetailType[] = [];
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const method = callee.getName();
    if (method !== 'put' && method !== 'putBatch') continue;
    const client = callee.getExpression();
    if (!Node.isPropertyAccessExpression(client)) continue;
    const holder = client.getExpression();
    if (!Node.isPropertyAccessExpression(holder) || holder.getName() !== 'sends') continue;
    const rules = rulesOf.get(client.getName());
    if (rules === undefined) continue;
    const [first, second] = call.getArguments();
    const options = method === 'put' ? [second] : Node.isArrayLiteralExpression(first) ? first.getElements() : [];
    for (const literal of options.map(detailTypeLiteral)) {
      if (literal === undefined) continue;
      const event = { source: manifest.app, 'detail-type': literal.text };
      if (rules.some((rule) => couldMatch(rule.match, event))) continue;
      found.push({ bus: client.getName(), detailType: literal.text, place: literal.place, rules: rules.length });
    }
  }
  return found;
}

/** `{ detailType: 'OrderPlaced' }`: the string literal, where it is written. */
function detailTypeLiteral(node: Node | undefined): { text: string; place: Place } | undefined {
  if (node === undefined || !Node.isObjectLiteralExpression(node)) return undefined;
  const property = node.getProperty('detailType');
  if (property === undefined || !Node.isPropertyAssignment(property)) return undefined;
  const value = property.getInitializer();
  if (value === undefined || !(Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value))) return undefined;
  return { text: value.getLiteralValue(), place: { start: value.getStart(), end: value.getEnd(), text: value.getText() } };
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
