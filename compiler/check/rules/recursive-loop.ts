import { lambda } from '../../../runtime/aws/limits.js';
import type { RuleMatch } from '../../../runtime/manifest/schema.js';
import { unknownType } from '../../../runtime/manifest/types.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import { listWords } from '../../diagnostics/suggest.js';
import type { DeclarationSymbol, Edge } from '../../resolve/program.js';
import type { Span } from '../../source/span.js';
import { appEventsKind, canMatch, destinationKind } from '../bus-events.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/** One step data can take: an edge, or a function writing to a resource from its code (`sends`). */
interface Hop {
  readonly from: DeclarationSymbol;
  readonly to: DeclarationSymbol;
  readonly span: Span;
  /** Absent for `sends`. */
  readonly edge?: Edge;
}

/** Enough for any hand-written flow; a pathological graph stops early rather than hang. */
const maxCycles = 20;
const maxSteps = 200_000;

/** The services whose hops Lambda's loop detection does not see (aws-facts §7). */
const undetectedService: Partial<Record<DeclarationSymbol['kind'], string>> = { bus: 'EventBridge', stream: 'Kinesis', table: 'DynamoDB' };

/**
 * FL5002 (warning): a cycle of hops that brings a function's output back to it (aws-facts §7,
 * §9 #64). Hops are edges (destinations, triggers, subscriptions, rules) and `sends`; a rule
 * on a bus continues a cycle only if it selects what the previous hop puts on the bus. Lambda
 * stops loops through SQS, SNS and direct invocations after 16 invocations of one function by
 * one event and drops the event; loops through EventBridge, Kinesis or DynamoDB it does not
 * see, and they run until something fails. A loop that Lambda would stop is not reported when
 * every function in it has `recursion = allow` (RecursiveLoop: Allow): the user wants it.
 *
 * Each elementary cycle is reported once: drawn from the first function of the cycle in
 * declaration order, at the hop that brings the data back to that function.
 */
export const recursiveLoop: Rule = {
  code: 'FL5002',
  visit: {
    program(context) {
      const symbols = [...context.program.declarations.values()].filter((s) => !context.isDamaged(s.name));
      const order = new Map(symbols.map((s, i) => [s.name, i]));
      const hopsFrom = new Map<string, Hop[]>();
      const add = (hop: Hop) => {
        if (!order.has(hop.from.name) || !order.has(hop.to.name)) return;
        const list = hopsFrom.get(hop.from.name) ?? [];
        list.push(hop);
        hopsFrom.set(hop.from.name, list);
      };
      for (const edge of context.program.edges) add({ from: edge.source, to: edge.target, span: edge.span, edge });
      for (const fn of symbols) {
        const sends = context.setting(fn, 'sends')?.value;
        if (fn.kind !== 'fn' || !sends) continue;
        for (const item of sends.kind === 'ListValue' ? sends.items : [sends]) {
          const target = item.kind === 'PathValue' ? context.program.declarations.get(item.text) : undefined;
          if (target && target.kind !== 'fn') add({ from: fn, to: target, span: item.span });
        }
      }

      const continues = (into: Hop, out: Hop): boolean => {
        // A destination fires only for an asynchronous invocation: the event must have come in
        // by a subscription, a rule or a destination, not by a queue or stream trigger (FL5001).
        if (out.edge?.kind === 'destination' && !isAsync(into)) return false;
        return into.to.kind !== 'bus' || ruleSelects(context, into, out);
      };
      const seen = new Set<string>();
      const cycles: Hop[][] = [];
      let steps = 0;
      for (const start of symbols) {
        const startIndex = order.get(start.name) ?? 0;
        const path: Hop[] = [];
        const onPath = new Set<string>([start.name]);
        const dfs = (node: string): void => {
          for (const hop of hopsFrom.get(node) ?? []) {
            if (cycles.length >= maxCycles || ++steps > maxSteps) return;
            const previous = path[path.length - 1];
            if (previous && !continues(previous, hop)) continue;
            const to = hop.to.name;
            if (to === start.name) {
              const cycle = [...path, hop];
              const first = cycle[0];
              if (first && !continues(hop, first)) continue;
              const key = cycle.map((h) => h.from.name).join(' ');
              if (seen.has(key)) continue;
              seen.add(key);
              cycles.push(cycle);
              continue;
            }
            if (onPath.has(to) || (order.get(to) ?? -1) < startIndex) continue;
            onPath.add(to);
            path.push(hop);
            dfs(to);
            path.pop();
            onPath.delete(to);
          }
        };
        dfs(start.name);
      }
      for (const cycle of cycles) report(context, rotate(cycle, order));
    },
  },
};

function isAsync(hop: Hop): boolean {
  const kind = hop.edge?.kind;
  return kind === 'subscription' || kind === 'rule' || kind === 'destination';
}

/** Whether the rule `out` (leaving a bus) selects the events `into` puts on the bus. */
function ruleSelects(context: CheckContext, into: Hop, out: Hop): boolean {
  if (out.edge?.kind !== 'rule') return true;
  const match: RuleMatch | undefined = context.typed.ruleMatch(out.edge)?.match;
  if (!match) return false; // ambiguous: FL3008 says so already
  const destination = into.edge?.kind === 'destination' ? { fn: into.from.name, condition: into.edge.port ?? 'success' } : undefined;
  switch (match.kind) {
    case 'destination':
      return destination !== undefined && destination.fn === match.function && destination.condition === match.condition;
    case 'app-events':
      return destination === undefined;
    case 'pattern': {
      const app = context.program.app?.name.text ?? 'app';
      const kind = destination ? destinationKind(destination.fn, destination.condition) : appEventsKind(app, unknownType);
      return canMatch(match.pattern, kind);
    }
  }
}


/** The cycle starting at its first function in declaration order. */
function rotate(cycle: readonly Hop[], order: ReadonlyMap<string, number>): Hop[] {
  let best = 0;
  cycle.forEach((hop, i) => {
    const current = cycle[best];
    if (!current) return;
    const rank = (h: Hop) => (h.from.kind === 'fn' ? 0 : 1e9) + (order.get(h.from.name) ?? 0);
    if (rank(hop) < rank(current)) best = i;
  });
  return [...cycle.slice(best), ...cycle.slice(0, best)];
}

function describe(hop: Hop): string {
  const from = `\`${hop.from.name}\``;
  const to = `\`${hop.to.name}\``;
  switch (hop.edge?.kind) {
    case undefined:
      return `${from} writes to ${to} (\`sends\`)`;
    case 'destination':
      return `${to} is the ${hop.edge.port ?? 'success'} destination of ${from}`;
    case 'subscription':
      return `${from} delivers to ${to}`;
    case 'rule':
      return `a rule of ${from} delivers to ${to}`;
    default:
      return `${from} triggers ${to}`;
  }
}

function report(context: CheckContext, cycle: readonly Hop[]): void {
  const closing = cycle[cycle.length - 1];
  const start = cycle[0]?.from;
  if (!closing || !start) return;
  const nodes = cycle.map((h) => h.from);
  const functions = nodes.filter((n) => n.kind === 'fn');
  const allowed = functions.filter((fn) => context.word(fn, 'recursion') === 'allow');
  const undetected = [...new Set(nodes.map((n) => undetectedService[n.kind]).filter((s): s is string => s !== undefined))];
  if (undetected.length === 0 && allowed.length === functions.length) return;

  const drawn = `\`${[...nodes.map((n) => n.name), start.name].join(' → ')}\``;
  const names = (list: readonly DeclarationSymbol[]) => listWords(list.map((fn) => `\`${fn.name}\``), 'and');
  const viaDestination = cycle.some((h) => h.edge?.kind === 'destination');
  let why: string;
  let help: string;
  if (undetected.length > 0) {
    why = `Lambda stops recursive loops only when every hop is SQS, SNS, S3 or a direct invocation; it does not see hops through ${undetected.join(' or ')}. So nothing stops this loop: every event that enters it goes round, and is billed, until a handler stops sending.`;
    if (allowed.length > 0) why += ` \`recursion = allow\` on ${names(allowed)} changes nothing here: Lambda's loop detection never sees this loop.`;
    help = `break the loop by sending the output somewhere else, or make sure a handler stops it (e.g. a hop count in the payload that \`${start.name}\` checks)`;
  } else {
    const terminating = functions.filter((fn) => !allowed.includes(fn));
    why = `Lambda detects loops through SQS, SNS and direct invocations: once one event has invoked the same function ${lambda.recursionHopsMax} times in a chain, Lambda stops the next invocation and drops the event (to the dead-letter queue or on-failure destination if there is one; metric RecursiveInvocationsDropped). Until then every event goes round ${lambda.recursionHopsMax} times.`;
    if (allowed.length > 0) why += ` ${names(allowed)} ${allowed.length === 1 ? 'has' : 'have'} \`recursion = allow\`, but ${names(terminating)} still ${terminating.length === 1 ? 'stops' : 'stop'} the loop.`;
    if (viaDestination) why += ' Whether Lambda counts hops made by destinations (rather than by a handler\'s own sends) is not documented; if it does not, this loop never stops.';
    help = `break the loop by sending the output somewhere else; if the loop is intended and a handler ends it, set \`recursion = allow\` on ${names(terminating)}`;
  }
  const secondary: Label[] = cycle.slice(0, -1).map((hop) => ({ span: hop.span, message: describe(hop) }));
  context.report(closing.span, `\`${start.name}\` runs again for its own output: ${drawn}`, {
    label: `${describe(closing)}: the loop closes here`,
    secondary,
    why,
    help,
  });
}
