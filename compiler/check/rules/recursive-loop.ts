import { lambda } from '../../../runtime/aws/limits.js';
import type { RuleMatch } from '../../../runtime/manifest/schema.js';
import { unknownType } from '../../../runtime/manifest/types.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import { invocationOf } from '../../kinds/kind.js';
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

/** The services whose hops Lambda's loop detection does not see (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html). */
const undetectedService: Partial<Record<DeclarationSymbol['kind'], string>> = { bus: 'EventBridge', stream: 'Kinesis', table: 'DynamoDB' };

/** A step between states: a hop, or (for `hop` undefined) a bus passing a destination's event on to its rules. */
interface Arc {
  readonly to: number;
  readonly hop?: Hop;
}

/**
 * FL5002 (warning): a cycle of hops that brings a function's output back to it (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html). Hops are edges (destinations, triggers, subscriptions, rules) and `sends` (but to a bucket: FL5010's); a rule
 * on a bus continues a cycle only if it selects what the previous hop puts on the bus. Lambda
 * stops loops through SQS, SNS and direct invocations after 16 invocations of one function by
 * one event and drops the event; loops through EventBridge, Kinesis or DynamoDB it does not
 * see, and they run until something fails. A loop that Lambda would stop is not reported when
 * every function in it has `recursion = allow` (RecursiveLoop: Allow): the user wants it.
 *
 * Whether a hop can follow the previous one depends on how data arrived (a destination fires
 * only for an asynchronous invocation; a bus rule selects some events only), so the search
 * runs on states — a declaration and how data arrived there — linked by hops. Loops are the
 * strongly connected components of that graph (Tarjan's algorithm with its own stack: linear,
 * no recursion, no step cap). Each tangle of loops is reported once, drawn along its shortest
 * loop through a hop Lambda cannot stop (or a function without `recursion = allow`), from
 * the loop's first function in declaration order, at the hop that brings the data back to
 * it; once that loop is broken, the next run reports what is left of the tangle.
 */
export const recursiveLoop: Rule = {
  code: 'FL5002',
  visit: {
    program(context) {
      const symbols = [...context.program.declarations.values()].filter((s) => !context.isDamaged(s.name));
      const order = new Map(symbols.map((s, i) => [s.name, i]));
      const hops: Hop[] = [];
      const add = (hop: Hop) => {
        if (order.has(hop.from.name) && order.has(hop.to.name)) hops.push(hop);
      };
      for (const edge of context.program.edges) add({ from: edge.source, to: edge.target, span: edge.span, edge });
      for (const fn of symbols) {
        if (fn.kind !== 'fn') continue;
        const sends = context.writtenOf(context.fn(fn), 'sends')?.value;
        if (!sends) continue;
        for (const item of sends.kind === 'ListValue' ? sends.items : [sends]) {
          const target = item.kind === 'PathValue' ? context.program.declarations.get(item.text) : undefined;
          // A bucket in `sends` is how a handler reads it too (the one client has get and put), so
          // it is no write that closes a loop: FL5010 looks at the notification filters instead.
          if (target && target.kind !== 'fn' && target.kind !== 'bucket') add({ from: fn, to: target, span: item.span });
        }
      }
      // Every loop between states is a loop between declarations: only the hops inside a
      // tangle of declarations need states (most flows have none).
      const graph = new StateGraph(context, order);
      const tangle = tanglesOf(hops, order);
      for (const hop of hops) {
        const component = tangle.get(hop.from.name);
        if (component !== undefined && tangle.get(hop.to.name) === component) graph.addHop(hop);
      }
      for (const component of stronglyConnected(graph.arcs)) {
        const cycle = graph.reportableCycle(component);
        if (cycle) report(context, rotate(cycle, order));
      }
    },
  },
};

/** States (a declaration and how data arrived there) and the hops between them. */
class StateGraph {
  readonly arcs: Arc[][] = [];
  readonly symbolOf: DeclarationSymbol[] = [];
  readonly #ids = new Map<string, number>();

  constructor(
    private readonly context: CheckContext,
    private readonly order: ReadonlyMap<string, number>,
  ) {}

  /**
   * The state of `symbol` when data arrived `how`: for a function, `async` (a subscription,
   * rule or destination invoked it, so its destinations fire) or `sync`; for a bus, `app`
   * (the app's own events), `success`/`failure` (some function's destination records) or
   * `from f success` (that function's, which is a `success` event too); otherwise `any`.
   */
  state(symbol: DeclarationSymbol, how: string): number {
    const key = `${symbol.name}\u0000${how}`;
    let id = this.#ids.get(key);
    if (id !== undefined) return id;
    id = this.arcs.length;
    this.#ids.set(key, id);
    this.arcs.push([]);
    this.symbolOf.push(symbol);
    const destination = /^from .* (success|failure)$/.exec(how);
    if (destination) this.arcs[id]?.push({ to: this.state(symbol, destination[1] as string) });
    return id;
  }

  addHop(hop: Hop): void {
    const arrival = this.arrival(hop);
    for (const from of this.departures(hop)) this.arcs[from]?.push({ to: arrival, hop });
  }

  private arrival(hop: Hop): number {
    const to = hop.to;
    if (to.kind === 'bus') return hop.edge?.kind === 'destination' ? this.state(to, `from ${hop.from.name} ${hop.edge.port ?? 'success'}`) : this.state(to, 'app');
    if (to.kind === 'fn') return this.state(to, isAsync(hop) ? 'async' : 'sync');
    return this.state(to, 'any');
  }

  /** The states of `hop.from` that `hop` can leave from. */
  private departures(hop: Hop): number[] {
    const from = hop.from;
    if (from.kind === 'fn') {
      // A destination fires only for an asynchronous invocation, not a queue or stream trigger (FL5001).
      return hop.edge?.kind === 'destination' ? [this.state(from, 'async')] : [this.state(from, 'async'), this.state(from, 'sync')];
    }
    if (from.kind !== 'bus') return [this.state(from, 'any')];
    if (hop.edge?.kind !== 'rule') return ['app', 'success', 'failure'].map((how) => this.state(from, how));
    const match: RuleMatch | undefined = this.context.typed.ruleMatch(hop.edge)?.match;
    if (!match) return []; // ambiguous: FL3008 says so already
    switch (match.kind) {
      case 'destination':
        return [this.state(from, `from ${match.function} ${match.condition}`)];
      case 'app-events':
        return [this.state(from, 'app')];
      case 'pattern': {
        // What is known of each kind of event on the bus is its source (and a destination
        // record's detail-type), whoever sent it: judged by the simulator's matcher (bus-events.ts).
        const app = this.context.program.app?.name.text ?? '';
        const states: number[] = [];
        if (canMatch(match.pattern, appEventsKind(app, unknownType))) states.push(this.state(from, 'app'));
        for (const condition of ['success', 'failure'] as const) {
          if (canMatch(match.pattern, destinationKind('', condition))) states.push(this.state(from, condition));
        }
        return states;
      }
    }
  }

  /**
   * A loop of this component worth a warning: through a service Lambda cannot stop, else
   * through a function without `recursion = allow`; undefined when the component holds no
   * loop or only loops the user allowed. The shortest such loop, found breadth-first.
   */
  reportableCycle(component: readonly number[]): Hop[] | undefined {
    const members = new Set(component);
    const only = component[0];
    if (component.length === 1 && (only === undefined || !(this.arcs[only] ?? []).some((a) => a.to === only))) return undefined;
    const rank = (id: number) => this.order.get((this.symbolOf[id] as DeclarationSymbol).name) ?? 0;
    const byOrder = [...component].sort((a, b) => rank(a) - rank(b));
    const target =
      byOrder.find((id) => undetectedService[(this.symbolOf[id] as DeclarationSymbol).kind] !== undefined) ??
      byOrder.find((id) => {
        const symbol = this.symbolOf[id] as DeclarationSymbol;
        return symbol.kind === 'fn' && this.context.fn(symbol).recursiveLoop !== 'allow';
      });
    if (target === undefined) return undefined;
    const cameBy = new Map<number, { from: number; arc: Arc }>();
    const queue = [target];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] as number;
      for (const arc of this.arcs[node] ?? []) {
        if (!members.has(arc.to)) continue;
        if (arc.to === target) {
          const arcs = [arc];
          for (let at = node; at !== target; ) {
            const step = cameBy.get(at) as { from: number; arc: Arc };
            arcs.push(step.arc);
            at = step.from;
          }
          return arcs.reverse().flatMap((a) => (a.hop ? [a.hop] : []));
        }
        if (cameBy.has(arc.to)) continue;
        cameBy.set(arc.to, { from: node, arc });
        queue.push(arc.to);
      }
    }
    return undefined;
  }
}

/** The strongly connected component of each declaration that is on a loop of hops. */
function tanglesOf(hops: readonly Hop[], order: ReadonlyMap<string, number>): Map<string, number> {
  const names = [...order.keys()];
  const arcs: Arc[][] = names.map(() => []);
  const loops = new Set<number>();
  for (const hop of hops) {
    const from = order.get(hop.from.name) as number;
    const to = order.get(hop.to.name) as number;
    arcs[from]?.push({ to });
    if (from === to) loops.add(from);
  }
  const tangle = new Map<string, number>();
  stronglyConnected(arcs).forEach((component, index) => {
    if (component.length === 1 && !loops.has(component[0] as number)) return;
    for (const member of component) tangle.set(names[member] as string, index);
  });
  return tangle;
}

/** Tarjan's strongly connected components, with an explicit stack instead of recursion. */
function stronglyConnected(arcs: readonly (readonly Arc[])[]): number[][] {
  const index = new Array<number>(arcs.length).fill(-1);
  const low = new Array<number>(arcs.length).fill(0);
  const onStack = new Array<boolean>(arcs.length).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let next = 0;
  for (let root = 0; root < arcs.length; root++) {
    if (index[root] !== -1) continue;
    const frames: { node: number; arc: number }[] = [{ node: root, arc: 0 }];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: number; arc: number };
      const { node } = frame;
      const out = arcs[node] ?? [];
      if (frame.arc < out.length) {
        const to = (out[frame.arc++] as Arc).to;
        if (index[to] === -1) {
          index[to] = low[to] = next++;
          stack.push(to);
          onStack[to] = true;
          frames.push({ node: to, arc: 0 });
        } else if (onStack[to]) {
          low[node] = Math.min(low[node] as number, index[to] as number);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node] as number, low[node] as number);
      if (low[node] !== index[node]) continue;
      const component: number[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack[member] = false;
        component.push(member);
        if (member === node) break;
      }
      components.push(component);
    }
  }
  return components;
}

function isAsync(hop: Hop): boolean {
  return hop.edge !== undefined && invocationOf[hop.edge.kind] === 'async';
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
  const allowed = functions.filter((fn) => context.fn(fn).recursiveLoop === 'allow');
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
