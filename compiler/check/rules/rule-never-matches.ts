import { eventBridge } from '../../../runtime/aws/limits.js';
import type { Pattern } from '../../../runtime/manifest/schema.js';
import { exactStrings } from '../../../runtime/pattern/fields.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import { suggest } from '../../diagnostics/suggest.js';
import { manifestPattern, type SourcePattern } from '../../resolve/pattern.js';
import type { Edge } from '../../resolve/program.js';
import type { Span } from '../../source/span.js';
import { type BusEventKind, canMatch, describeKind } from '../bus-events.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL3009 (warning): a bus → function rule that selects the success or failure records of a
 * function `f` (the target declares `success<f>` / `failure<f>`), while no destination of `f`
 * with that outcome goes to this bus (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html). The rule deploys with its pattern
 * (source `lambda`, the destination detail-type, f's ARN) and never fires.
 */
export const ruleNeverMatches: Rule = {
  code: 'FL3009',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'rule') return;
      const pattern = context.typed.rulePattern(edge);
      if (pattern !== undefined) {
        patternNeverMatches(edge, pattern, context);
        return;
      }
      if (edge.target.kind !== 'fn' || context.edge(edge).match !== null) return;
      const selected = context.typed.ruleMatch(edge)?.match;
      if (selected?.kind !== 'destination') return;
      const fn = context.program.declarations.get(selected.function);
      if (fn?.kind !== 'fn' || context.isDamaged(fn.name)) return;
      const bus = edge.source;
      const condition = selected.condition;
      const outcome = (e: { port?: string }) => e.port ?? 'success';
      const destinations = context.typed.edgesFrom(fn.name).filter((e) => e.kind === 'destination');
      if (destinations.some((d) => d.target.name === bus.name && outcome(d) === condition)) return;
      const record = `${condition}<${fn.name}>`;
      const input = edge.target.decl.kind === 'FnDecl' ? edge.target.decl.input : undefined;
      const elsewhere = destinations.filter((d) => outcome(d) === condition);
      const onThisBus = context.typed.edgesInto(bus.name).filter((e) => e.kind === 'destination');
      const detailType = condition === 'success' ? eventBridge.successDetailType : eventBridge.failureDetailType;
      const otherBus = elsewhere.find((d) => d.target.kind === 'bus');
      context.report(edge.span, `the rule \`${bus.name} -> ${edge.target.name}\` never matches: nothing puts the ${condition} records of \`${fn.name}\` on \`${bus.name}\``, {
        label: `selects ${record} events`,
        secondary: [
          ...(input ? [{ span: input.span, message: `\`${edge.target.name}\` takes ${record}, so the rule selects the ${condition} records of \`${fn.name}\`` }] : []),
          ...elsewhere.map((d) => ({ span: d.span, message: `the ${condition} records of \`${fn.name}\` go to \`${d.target.name}\`` })),
          ...onThisBus.map((d) => ({ span: d.span, message: `\`${bus.name}\` receives ${outcome(d)}<${d.source.name}>` })),
        ],
        why: `The rule matches events with source "${eventBridge.destinationSource}", detail-type "${detailType}" and the ARN of \`${fn.name}\`. Only a ${condition} destination of \`${fn.name}\` on \`${bus.name}\` puts such events there, so the rule deploys, never fires, and \`${edge.target.name}\` is never invoked.`,
        help: otherBus
          ? `read them where they go: \`${otherBus.target.name} -> ${edge.target.name}\`, or send them here: \`${fn.name}.${condition} -> ${bus.name}\``
          : `send them here: \`${fn.name}.${condition} -> ${bus.name}\`, or declare the input of \`${edge.target.name}\` as what \`${bus.name}\` carries`,
      });
    },
  },
};

function patternNeverMatches(edge: Edge, pattern: SourcePattern, context: CheckContext): void {
  const bus = edge.source;
  const kinds = context.typed.busEventKinds(bus.name);
  if (kinds.length === 0 || context.isDamaged(bus.name)) return;
  const manifest = manifestPattern(pattern);
  if (kinds.some((kind) => canMatch(manifest, kind))) return;
  const producers: Label[] = [];
  for (const destination of context.typed.edgesInto(bus.name)) {
    if (destination.kind === 'destination') producers.push({ span: destination.span, message: `puts the ${destination.port ?? 'success'} records of \`${destination.source.name}\` here (source "${eventBridge.destinationSource}")` });
  }
  for (const sender of context.typed.sendersTo(bus.name)) producers.push({ span: sender.decl.name.span, message: `puts the app's events here (source "${context.program.app?.name.text ?? 'app'}")` });
  const match = context.writtenOf(context.edge(edge), 'match');
  context.report(selectorSpan(pattern) ?? match?.name.span ?? edge.span, `the rule \`${bus.name} -> ${edge.target.name}\` never matches: nothing in the flow puts such events on \`${bus.name}\``, {
    label: 'no event on the bus has this',
    secondary: producers.sort((a, b) => a.span.start - b.span.start),
    why: `\`${bus.name}\` carries ${kinds.map(describeKind).join(', and ')}; the pattern's source and detail-type fit none of them, so the rule deploys, never fires, and \`${edge.target.name}\` is never invoked from it.`,
    help: `match what the bus carries, such as ${carried(closestKind(manifest, kinds))}`,
  });
}

/** The top-level `source` or `detail_type` entry of a pattern, where a mismatch with the bus is written. */
function selectorSpan(pattern: SourcePattern): Span | undefined {
  for (const entry of pattern.entries) if (entry.kind === 'field' && (entry.name === 'source' || entry.name === 'detail-type')) return entry.setting.span;
  return undefined;
}

/** The kind whose source is closest to the pattern's, for `source = "shpo"`; else the first. */
function closestKind(pattern: Pattern, kinds: readonly BusEventKind[]): BusEventKind | undefined {
  const written = exactStrings(pattern, 'source')?.[0];
  if (written === undefined) return kinds[0];
  const [best] = suggest(written, kinds.map((k) => k.source), 1);
  return kinds.find((k) => k.source === best) ?? kinds[0];
}

function carried(kind: { readonly source: string; readonly detailType: string | undefined } | undefined): string {
  if (kind === undefined) return 'its source';
  return `\`source = "${kind.source}"\`${kind.detailType ? ` and \`detail_type = "${kind.detailType}"\`` : ''}`;
}
