import type { GraphEdge, GraphModel } from './model.js';

export interface GraphView {
  /** Draw only what reaches or leaves this declaration, transitively. */
  readonly focus?: string | undefined;
  /** Draw retries, and highlight every path a failure can take (the rest fades). */
  readonly failures?: boolean | undefined;
}

/**
 * The part of the model a view draws. Retry edges are drawn only with `failures` (they double
 * every trigger otherwise). With `focus`, a node is kept when it reaches the focus or the focus
 * reaches it, and an edge when it lies on such a path: both its ends reach the focus, or the
 * focus reaches both. A node that is neither (a sibling's branch) is left out.
 */
export function selectView(model: GraphModel, view: GraphView): GraphModel {
  const drawn = model.edges.filter((edge) => view.failures === true || edge.kind !== 'retry');
  if (view.focus === undefined) return { ...model, edges: drawn };
  const focus = view.focus;
  const upstream = closure(focus, drawn, (edge) => edge.target, (edge) => edge.source);
  const downstream = closure(focus, drawn, (edge) => edge.source, (edge) => edge.target);
  const edges = drawn.filter((edge) => (upstream.has(edge.source) && upstream.has(edge.target)) || (downstream.has(edge.source) && downstream.has(edge.target)));
  const nodes = model.nodes.filter((node) => upstream.has(node.id) || downstream.has(node.id));
  return { ...model, nodes, edges };
}

/** The focus and every node reachable from it, walking `from` → `to` of each edge. */
function closure(focus: string, edges: readonly GraphEdge[], from: (edge: GraphEdge) => string, to: (edge: GraphEdge) => string): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(from(edge));
    if (list === undefined) next.set(from(edge), [to(edge)]);
    else list.push(to(edge));
  }
  const seen = new Set<string>([focus]);
  const pending = [focus];
  while (pending.length > 0) {
    for (const node of next.get(pending.pop()!) ?? []) {
      if (seen.has(node)) continue;
      seen.add(node);
      pending.push(node);
    }
  }
  return seen;
}

/**
 * The nodes in the order the flow's edges first name them, then the rest: Graphviz lays out
 * in statement order, so the first edges of the .flow file come out on top.
 */
export function nodesInFlowOrder(model: GraphModel): GraphModel['nodes'] {
  const rank = new Map<string, number>();
  for (const edge of model.edges) {
    if (!rank.has(edge.source)) rank.set(edge.source, rank.size);
    if (!rank.has(edge.target)) rank.set(edge.target, rank.size);
  }
  const last = rank.size;
  return model.nodes
    .map((node, index) => ({ node, index }))
    .sort((a, b) => (rank.get(a.node.id) ?? last) - (rank.get(b.node.id) ?? last) || a.index - b.index)
    .map(({ node }) => node);
}
