/**
 * DOT → SVG in this process, with Graphviz compiled to WebAssembly (`@viz-js/viz`): no system
 * Graphviz, no network. The package (about 1.2 MB of JavaScript with the WebAssembly inlined)
 * is imported here, when an SVG is asked for, and only by `flowc graph`.
 */
export async function renderSvg(dot: string, header: string): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  const svg = viz.renderString(dot, { format: 'svg', engine: 'dot' });
  return `<!-- ${header} -->\n${withoutProlog(svg)}`;
}

/**
 * The SVG element alone: without the XML declaration and doctype (the marker comment comes
 * first, and an XML declaration may only open a document; the HTML page inlines the element)
 * and without Graphviz's version comment (the pinned package fixes the version).
 */
function withoutProlog(svg: string): string {
  const start = svg.indexOf('<svg');
  if (start === -1) throw new Error('Graphviz returned no SVG element');
  return svg.slice(start);
}
