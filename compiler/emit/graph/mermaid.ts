import type { DrawOptions } from './dot.js';
import { edgeLabel, nodeCaption } from './labels.js';
import type { GraphModel, NodeKind } from './model.js';
import { FAILURE_EDGE_KINDS } from './model.js';
import { nodesInFlowOrder } from './select.js';
import { EDGE_STYLES, FADED, FAILURE_CARRIER_COLOR, NODE_STYLES } from './styles.js';

/**
 * The model as a Mermaid flowchart, for a README or an issue (GitHub and GitLab draw it).
 * Node ids are `n_<name>`: Mermaid reads some words (`end`, `graph`) as keywords.
 */
export function renderMermaid(model: GraphModel, options: DrawOptions, header: string): string {
  const withSettings = options.settings === true;
  const highlight = options.failures === true;
  const onPath = new Set<string>();
  for (const edge of model.edges) {
    if (!edge.failurePath) continue;
    onPath.add(edge.source);
    onPath.add(edge.target);
  }
  const lines = [`%% ${header}`, 'flowchart LR'];
  for (const node of nodesInFlowOrder(model)) {
    const [open, close] = NODE_STYLES[node.kind].mermaid;
    const caption = nodeCaption(node, withSettings).map((line) => `<br/><small>${text(line)}</small>`).join('');
    lines.push(`  ${id(node.id)}${open}"<b>${text(node.id)}</b>${caption}"${close}`);
  }
  model.edges.forEach((edge) => {
    const style = EDGE_STYLES[edge.kind];
    const arrow = style.bold ? '==>' : style.line === 'solid' ? '-->' : '-.->';
    lines.push(`  ${id(edge.source)} ${arrow}|"${edgeLabel(edge, withSettings).map(text).join('<br/>')}"| ${id(edge.target)}`);
  });
  const kinds = [...new Set(model.nodes.map((node) => node.kind))];
  for (const kind of kinds) {
    const style = NODE_STYLES[kind];
    lines.push(`  classDef ${className(kind)} fill:${style.fill},stroke:${style.stroke},stroke-width:${style.double ? 3 : 1.5}px,color:#1f2933`);
  }
  if (highlight) lines.push(`  classDef faded fill:${FADED.fill},stroke:${FADED.stroke},color:${FADED.text}`);
  for (const kind of kinds) {
    const members = model.nodes.filter((node) => node.kind === kind && !(highlight && !onPath.has(node.id)));
    if (members.length > 0) lines.push(`  class ${members.map((node) => id(node.id)).join(',')} ${className(kind)}`);
  }
  const faded = highlight ? model.nodes.filter((node) => !onPath.has(node.id)) : [];
  if (faded.length > 0) lines.push(`  class ${faded.map((node) => id(node.id)).join(',')} faded`);
  model.edges.forEach((edge, index) => {
    const style = EDGE_STYLES[edge.kind];
    let color = style.color;
    let width = style.bold ? 2.5 : 1.3;
    if (highlight) {
      color = edge.failurePath ? (FAILURE_EDGE_KINDS.has(edge.kind) ? style.color : FAILURE_CARRIER_COLOR) : FADED.edge;
      if (edge.failurePath) width = 2.5;
    }
    const dash = style.line === 'dotted' ? ',stroke-dasharray:2 3' : '';
    lines.push(`  linkStyle ${index} stroke:${color},stroke-width:${width}px${dash}`);
  });
  return `${lines.join('\n')}\n`;
}

function id(name: string): string {
  return `n_${name}`;
}

function className(kind: NodeKind): string {
  return `k_${kind.replace('-', '_')}`;
}

/** Text inside a quoted Mermaid label: its entity codes for what Mermaid or HTML would read. */
function text(value: string): string {
  return value
    .replaceAll('#', '#35;')
    .replaceAll('"', '#quot;')
    .replaceAll('<', '#lt;')
    .replaceAll('>', '#gt;')
    .replaceAll('|', '#124;')
    .replaceAll('&', '#38;');
}
