import type { GraphEdge, GraphNode, Setting } from './model.js';
import { NODE_STYLES, shorten } from './styles.js';

/** Settings a label shows with `--settings`; the handler and runtime are only in the details. */
const DETAIL_ONLY = new Set(['handler', 'runtime']);

export function settingsLine(settings: readonly Setting[]): string {
  return settings
    .filter((s) => !DETAIL_ONLY.has(s.key))
    .map((s) => (s.value === 'true' ? s.key : `${s.key} ${s.value}`))
    .join(' · ');
}

/** The lines under a node's name: its kind, then (with `--settings`) its settings. */
export function nodeCaption(node: GraphNode, withSettings: boolean): string[] {
  const lines = [NODE_STYLES[node.kind].caption];
  const settings = withSettings ? settingsLine(node.settings) : '';
  if (settings !== '') lines.push(settings);
  return lines;
}

/** The widest line of settings under an edge, in characters: longer lists wrap at a ` · `. */
const SETTINGS_WIDTH = 44;

/**
 * An edge's label: its payload type, then its settings when asked for. A retry's settings
 * (how many, after how long) are what it means, so they are always there.
 */
export function edgeLabel(edge: GraphEdge, withSettings: boolean): string[] {
  const lines = [shorten(edge.payload)];
  if (withSettings || edge.kind === 'retry') lines.push(...wrap(settingsLine(edge.settings)));
  return lines;
}

function wrap(line: string): string[] {
  if (line === '') return [];
  const lines: string[] = [];
  let current = '';
  for (const part of line.split(' · ')) {
    if (current !== '' && current.length + 3 + part.length > SETTINGS_WIDTH) {
      lines.push(current);
      current = part;
    } else {
      current = current === '' ? part : `${current} · ${part}`;
    }
  }
  lines.push(current);
  return lines.map((l) => shorten(l));
}
