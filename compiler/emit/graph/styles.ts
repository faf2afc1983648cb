import type { EdgeKind, NodeKind } from './model.js';

/**
 * How each kind of node and edge is drawn, in one table for every renderer. Shapes follow
 * what people draw: a function is a rounded box, a queue a flag (messages wait in it), a topic
 * a hexagon (it fans out), a bus a parallelogram, a stream an oval (a stadium in Mermaid), a table a cylinder, an HTTP API a trapezoid (requests come in at its wide side), a bucket a folder (a trapezoid in Mermaid); FIFO
 * queues and topics get a double outline. Colours are those of the AWS service families.
 */
export interface NodeStyle {
  /** The kind in words, under the name. */
  readonly caption: string;
  /** Graphviz `shape`, and whether the outline is doubled (`peripheries=2`). */
  readonly dotShape: string;
  readonly rounded: boolean;
  readonly double: boolean;
  /** Mermaid's brackets around the label: `(` `)` rounded, `>` `]` flag, `{{` `}}` hexagon. */
  readonly mermaid: readonly [open: string, close: string];
  readonly fill: string;
  readonly stroke: string;
}

export const NODE_STYLES: Readonly<Record<NodeKind, NodeStyle>> = {
  function: { caption: 'function', dotShape: 'box', rounded: true, double: false, mermaid: ['(', ')'], fill: '#fff3e6', stroke: '#d86613' },
  queue: { caption: 'queue', dotShape: 'cds', rounded: false, double: false, mermaid: ['>', ']'], fill: '#fce8f0', stroke: '#c7185b' },
  'fifo-queue': { caption: 'FIFO queue', dotShape: 'cds', rounded: false, double: true, mermaid: ['[[', ']]'], fill: '#fce8f0', stroke: '#c7185b' },
  topic: { caption: 'topic', dotShape: 'hexagon', rounded: false, double: false, mermaid: ['{{', '}}'], fill: '#f2ebfd', stroke: '#7b3fe4' },
  'fifo-topic': { caption: 'FIFO topic', dotShape: 'hexagon', rounded: false, double: true, mermaid: ['{{', '}}'], fill: '#f2ebfd', stroke: '#7b3fe4' },
  bus: { caption: 'event bus', dotShape: 'parallelogram', rounded: false, double: false, mermaid: ['[/', '/]'], fill: '#e3f5f7', stroke: '#0f7b8a' },
  stream: { caption: 'stream', dotShape: 'ellipse', rounded: false, double: false, mermaid: ['([', '])'], fill: '#e9ebfb', stroke: '#3b48cc' },
  table: { caption: 'table', dotShape: 'cylinder', rounded: false, double: false, mermaid: ['[(', ')]'], fill: '#e4f3fb', stroke: '#0b7ab8' },
  api: { caption: 'HTTP API', dotShape: 'invhouse', rounded: false, double: false, mermaid: ['[\\', '/]'], fill: '#f4ecfb', stroke: '#8c4fff' },
  bucket: { caption: 'bucket', dotShape: 'folder', rounded: false, double: false, mermaid: ['[\\', '/]'], fill: '#e8f5e9', stroke: '#3f8624' },
  schedule: { caption: 'schedule', dotShape: 'circle', rounded: false, double: false, mermaid: ['((', '))'], fill: '#fdf0f5', stroke: '#e7157b' },
};

export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface EdgeStyle {
  /** What the edge means, for the legend and hover details. */
  readonly meaning: string;
  readonly color: string;
  readonly line: LineStyle;
  /** Thicker than the others: failure destinations, so they stand out without `--failures`. */
  readonly bold: boolean;
}

export const EDGE_STYLES: Readonly<Record<EdgeKind, EdgeStyle>> = {
  subscription: { meaning: 'subscription (SNS delivers asynchronously)', color: '#5f6b7a', line: 'dashed', bold: false },
  rule: { meaning: 'rule (EventBridge delivers asynchronously)', color: '#5f6b7a', line: 'dashed', bold: false },
  route: { meaning: 'route (API Gateway invokes synchronously and returns the result)', color: '#263238', line: 'solid', bold: false },
  notification: { meaning: 'notification (S3 delivers asynchronously)', color: '#5f6b7a', line: 'dashed', bold: false },
  'queue-poll': { meaning: 'event source mapping (Lambda polls the queue and invokes synchronously)', color: '#263238', line: 'solid', bold: false },
  'stream-poll': { meaning: 'event source mapping (Lambda polls the shards and invokes synchronously)', color: '#263238', line: 'solid', bold: false },
  success: { meaning: 'success destination (the invocation record of a success)', color: '#2e7d32', line: 'solid', bold: false },
  failure: { meaning: 'failure destination (the invocation record of a failure)', color: '#c62828', line: 'solid', bold: true },
  dlq: { meaning: 'dead-letter queue (redrive after max_receives)', color: '#c62828', line: 'dashed', bold: false },
  'on-failure': { meaning: 'on_failure (a record of the batch the mapping gave up on)', color: '#c62828', line: 'dashed', bold: false },
  sends: { meaning: 'sends (written by the handler\'s own code)', color: '#5f6b7a', line: 'dotted', bold: false },
  retry: { meaning: 'retry (the failed event or batch is tried again)', color: '#e65100', line: 'dashed', bold: false },
  schedule: { meaning: 'schedule target (Scheduler invokes asynchronously, on time)', color: '#5f6b7a', line: 'dashed', bold: false },
};

/** With `--failures`: what is off every failure path fades to these. */
export const FADED = { fill: '#f4f5f7', stroke: '#c4c9d0', text: '#9aa1ab', edge: '#cfd4da' } as const;

/** With `--failures`: the colour of an edge that carries a failure's record on (not itself a failure edge). */
export const FAILURE_CARRIER_COLOR = '#c62828';

/** The longest payload type shown on an edge; the whole type is in the HTML's details. */
export const LABEL_MAX = 60;

export function shorten(text: string, max = LABEL_MAX): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
