import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { GENERATED_MARKER } from '../file-map.js';
import { type DrawOptions, renderDot } from './dot.js';
import { renderGraphHtml } from './html.js';
import { renderMermaid } from './mermaid.js';
import { buildGraphModel, type GraphModel } from './model.js';
import { selectView } from './select.js';
import { renderSvg } from './svg.js';

export type GraphFormat = 'mermaid' | 'dot' | 'svg' | 'html';

export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot', 'svg', 'html'];

export interface GraphOptions extends DrawOptions {
  readonly format: GraphFormat;
}

/** The words every picture of a flow starts with, in a comment: flowc replaces a file only when they are there. */
export function graphHeader(source: string): string {
  return `${GENERATED_MARKER} ${source}. Do not edit: \`flowc graph\` rewrites this file.`;
}

/** The declarations a view may focus on. */
export function graphNodeNames(manifest: FlowManifest): string[] {
  return buildGraphModel(manifest).nodes.map((node) => node.id);
}

/** A picture of the flow in `format`; the same manifest and options give the same bytes. */
export async function renderGraph(manifest: FlowManifest, options: GraphOptions): Promise<string> {
  const model: GraphModel = selectView(buildGraphModel(manifest), options);
  const header = graphHeader(manifest.source);
  switch (options.format) {
    case 'mermaid':
      return renderMermaid(model, options, header);
    case 'dot':
      return renderDot(model, options, header);
    case 'svg':
      return renderSvg(renderDot(model, options, header), header);
    case 'html':
      return renderGraphHtml(model, options, await renderSvg(renderDot(model, options, header), header), header);
  }
}
