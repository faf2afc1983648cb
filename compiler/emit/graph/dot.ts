import { edgeLabel, nodeCaption } from './labels.js';
import type { GraphEdge, GraphModel, GraphNode } from './model.js';
import { FAILURE_EDGE_KINDS } from './model.js';
import { type GraphView, nodesInFlowOrder } from './select.js';
import { EDGE_STYLES, FADED, FAILURE_CARRIER_COLOR, NODE_STYLES } from './styles.js';

export interface DrawOptions extends GraphView {
  /** Edge labels carry the edge's settings, node labels the node's. */
  readonly settings?: boolean | undefined;
}

/** Graphviz estimates text widths for a few fonts only (it has no font files in WebAssembly): Helvetica is one. */
const FONT = 'Helvetica';

/**
 * The model as a Graphviz digraph, left to right. Every node and edge carries an `id`
 * (`node:charge`, `edge:charge.failure->audit`) and classes (`kind-failure`, `failure-path`)
 * that reach the SVG, where the HTML page and the tests find them.
 */
export function renderDot(model: GraphModel, options: DrawOptions, header: string): string {
  const withSettings = options.settings === true;
  const highlight = options.failures === true;
  const onPath = new Set<string>();
  for (const edge of model.edges) {
    if (!edge.failurePath) continue;
    onPath.add(edge.source);
    onPath.add(edge.target);
  }
  const direction = longestChain(model) > LONG_CHAIN ? 'TB' : 'LR';
  const lines = [
    `// ${header}`,
    `digraph ${quote(model.app)} {`,
    `  graph [rankdir=${direction}, fontname=${quote(FONT)}, fontsize=12, labelloc=t, labeljust=l, pad=0.25, nodesep=0.4, ranksep=0.7, label=${titleLabel(model, options)}];`,
    `  node [fontname=${quote(FONT)}, fontsize=11, penwidth=1.4, margin="0.14,0.06"];`,
    `  edge [fontname=${quote(FONT)}, fontsize=9, arrowsize=0.7, penwidth=1.2, fontcolor="#37474f"];`,
  ];
  // Left to right, Graphviz stacks the first component at the bottom: the flow's first edges go last.
  const ordered = direction === 'LR' ? [...nodesInFlowOrder(model)].reverse() : nodesInFlowOrder(model);
  for (const node of ordered) lines.push(`  ${nodeStatement(node, withSettings, highlight && !onPath.has(node.id))}`);
  for (const edge of model.edges) lines.push(`  ${edgeStatement(edge, withSettings, highlight)}`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A flow whose longest chain has more nodes than this is drawn top to bottom: left to right, it would be too wide to read. */
const LONG_CHAIN = 6;

/** The most nodes on one path (retries aside), by depth-first search with memo; a cycle counts once. */
function longestChain(model: GraphModel): number {
  const next = new Map<string, string[]>();
  for (const edge of model.edges) {
    if (edge.kind === 'retry' || edge.source === edge.target) continue;
    const targets = next.get(edge.source);
    if (targets === undefined) next.set(edge.source, [edge.target]);
    else targets.push(edge.target);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const walk = (node: string): number => {
    const known = depth.get(node);
    if (known !== undefined) return known;
    if (visiting.has(node)) return 0;
    visiting.add(node);
    let best = 0;
    for (const target of next.get(node) ?? []) best = Math.max(best, walk(target));
    visiting.delete(node);
    depth.set(node, best + 1);
    return best + 1;
  };
  let longest = 0;
  for (const node of model.nodes) longest = Math.max(longest, walk(node.id));
  return longest;
}

function titleLabel(model: GraphModel, options: DrawOptions): string {
  const parts = [`app <b>${html(model.app)}</b>`, html(model.source)];
  if (options.focus !== undefined) parts.push(`focus ${html(options.focus)}`);
  if (options.failures === true) parts.push('failure paths');
  return `<${parts.join(' · ')}>`;
}

function nodeStatement(node: GraphNode, withSettings: boolean, faded: boolean): string {
  const style = NODE_STYLES[node.kind];
  const caption = nodeCaption(node, withSettings)
    .map((line) => `<br/><font point-size="9" color="${faded ? FADED.text : '#5f6b7a'}">${html(line)}</font>`)
    .join('');
  const name = faded ? `<font color="${FADED.text}">${html(node.id)}</font>` : `<b>${html(node.id)}</b>`;
  const attributes = [
    `id=${quote(`node:${node.id}`)}`,
    `class=${quote(`flowc-node kind-${node.kind}${faded ? ' faded' : ''}`)}`,
    `shape=${style.dotShape}`,
    `style=${quote(style.rounded ? 'rounded,filled' : 'filled')}`,
    `fillcolor=${quote(faded ? FADED.fill : style.fill)}`,
    `color=${quote(faded ? FADED.stroke : style.stroke)}`,
    ...(style.double ? ['peripheries=2'] : []),
    `label=<${name}${caption}>`,
  ];
  return `${quote(node.id)} [${attributes.join(', ')}];`;
}

function edgeStatement(edge: GraphEdge, withSettings: boolean, highlight: boolean): string {
  const style = EDGE_STYLES[edge.kind];
  let color = style.color;
  let width = style.bold ? 2.2 : 1.2;
  if (highlight) {
    if (edge.failurePath) {
      color = FAILURE_EDGE_KINDS.has(edge.kind) ? style.color : FAILURE_CARRIER_COLOR;
      width = 2.4;
    } else {
      color = FADED.edge;
    }
  }
  const classes = ['flowc-edge', `kind-${edge.kind}`, ...(edge.failurePath ? ['failure-path'] : [])];
  const attributes = [
    `id=${quote(`edge:${edge.id}`)}`,
    `class=${quote(classes.join(' '))}`,
    `color=${quote(color)}`,
    ...(style.line === 'solid' ? [] : [`style=${style.line}`]),
    ...(width === 1.2 ? [] : [`penwidth=${width}`]),
    ...(highlight && !edge.failurePath ? [`fontcolor=${quote(FADED.text)}`] : []),
    // Retries go back against the flow: they must not pull the layout backwards.
    ...(edge.kind === 'retry' ? ['constraint=false'] : []),
    `label=${quote(edgeLabel(edge, withSettings).join('\n'))}`,
  ];
  return `${quote(edge.source)} -> ${quote(edge.target)} [${attributes.join(', ')}];`;
}

/** A DOT double-quoted string; `\n` is Graphviz's centred line break. */
function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

/** Text inside a Graphviz HTML-like label. */
function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
