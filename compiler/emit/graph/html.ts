import type { DrawOptions } from './dot.js';
import type { GraphModel, Setting } from './model.js';
import { EDGE_STYLES, NODE_STYLES } from './styles.js';

/**
 * One self-contained page: the SVG, a legend, and the details of what the pointer is over
 * (payload type, settings, the .flow line). Nothing is fetched: the style and script are
 * inline and the content security policy forbids every other source.
 */
export function renderGraphHtml(model: GraphModel, options: DrawOptions, svg: string, header: string): string {
  const data = {
    source: model.source,
    nodes: Object.fromEntries(model.nodes.map((node) => [node.id, { kind: NODE_STYLES[node.kind].caption, payload: node.payload, line: node.line, settings: pairs(node.settings) }])),
    edges: Object.fromEntries(
      model.edges.map((edge) => [
        edge.id,
        { meaning: EDGE_STYLES[edge.kind].meaning, source: edge.source, target: edge.target, payload: edge.payload, line: edge.line, settings: pairs(edge.settings), failurePath: edge.failurePath },
      ]),
    ),
  };
  const view = [options.focus !== undefined ? `focus <code>${escape(options.focus)}</code>` : '', options.failures === true ? 'failure paths highlighted' : ''].filter((part) => part !== '');
  const nodeKinds = [...new Set(model.nodes.map((node) => node.kind))];
  const edgeKinds = [...new Set(model.edges.map((edge) => edge.kind))];
  const legend = [
    ...nodeKinds.map((kind) => {
      const style = NODE_STYLES[kind];
      return `<li><span class="chip" style="background:${style.fill};border-color:${style.stroke}${style.double ? ';border-style:double;border-width:3px' : ''}"></span>${escape(style.caption)}</li>`;
    }),
    ...edgeKinds.map((kind) => {
      const style = EDGE_STYLES[kind];
      const dash = style.line === 'dashed' ? ' stroke-dasharray="5 3"' : style.line === 'dotted' ? ' stroke-dasharray="1.5 2.5"' : '';
      return `<li><svg width="34" height="10" aria-hidden="true"><line x1="1" y1="5" x2="33" y2="5" stroke="${style.color}" stroke-width="${style.bold ? 2.5 : 1.5}"${dash}/></svg>${escape(style.meaning)}</li>`;
    }),
  ].join('');
  return `<!DOCTYPE html>
<!-- ${header} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(model.app)} · flowc graph</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>app <b>${escape(model.app)}</b></h1><span>${escape(model.source)}</span>${view.map((part) => `<span>${part}</span>`).join('')}</header>
<div class="layout">
<main id="graph">
${svg.trim()}
</main>
<aside id="details" aria-live="polite"><p class="hint">Point at a node or an edge for its payload type, settings and .flow line; click to keep it.</p></aside>
</div>
<footer><ul id="legend">${legend}</ul></footer>
<script type="application/json" id="flowc-graph">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function pairs(settings: readonly Setting[]): [string, string][] {
  return settings.map((s) => [s.key, s.value]);
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** JSON inside a `<script>` element: `<` escaped, so no `</script>` or `<!--` in the data ends it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

const STYLE = `
:root { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2933; }
body { margin: 0; background: #fafbfc; }
header { display: flex; gap: 1em; align-items: baseline; padding: 10px 16px; background: #fff; border-bottom: 1px solid #e1e4e8; }
header h1 { font-size: 16px; font-weight: normal; margin: 0; }
header span { color: #5f6b7a; }
.layout { display: flex; align-items: flex-start; gap: 12px; padding: 12px 16px; }
#graph { flex: 1 1 auto; min-width: 0; overflow: auto; background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 8px; }
#graph svg { display: block; max-width: 100%; height: auto; }
#graph g.graph > text { display: none; } /* the title: the page's header says it */
#graph g.node, #graph g.edge { cursor: pointer; }
#graph g.edge path.hit { stroke: transparent; stroke-width: 12px; fill: none; }
#graph g.active > path:not(.hit), #graph g.active > polygon, #graph g.active > ellipse { filter: drop-shadow(0 0 3px #f9a825); }
#details { flex: 0 0 300px; background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 10px 12px; position: sticky; top: 12px; }
#details h2 { font-size: 15px; margin: 0 0 2px; word-break: break-all; }
#details .kind { color: #5f6b7a; margin: 0 0 8px; }
#details .payload { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; background: #f4f5f7; border-radius: 4px; padding: 6px; white-space: pre-wrap; word-break: break-word; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 8px 0 0; font-size: 13px; }
#details dt { color: #5f6b7a; }
#details dd { margin: 0; word-break: break-word; }
#details .failure { color: #c62828; font-weight: 600; }
.hint { color: #5f6b7a; margin: 0; }
footer { padding: 0 16px 16px; }
#legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; padding: 0; font-size: 12px; color: #37474f; }
#legend li { display: flex; align-items: center; gap: 6px; }
#legend .chip { display: inline-block; width: 16px; height: 11px; border: 1.5px solid; border-radius: 3px; }
`;

// The page's script: plain JavaScript, no framework. It reads the data element and the ids
// Graphviz gave the SVG groups (`node:NAME`, `edge:ID`).
const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('flowc-graph').textContent);
  var details = document.getElementById('details');
  var pinned = null;
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function show(kind, id) {
    var item = kind === 'node' ? data.nodes[id] : data.edges[id];
    if (!item) return;
    details.replaceChildren();
    details.appendChild(el('h2', '', kind === 'node' ? id : item.source + ' \\u2192 ' + item.target));
    details.appendChild(el('p', 'kind', kind === 'node' ? item.kind : item.meaning));
    if (kind === 'edge' && item.failurePath) details.appendChild(el('p', 'failure', 'on a failure path'));
    details.appendChild(el('div', 'payload', item.payload));
    var list = el('dl');
    var rows = [[data.source, 'line ' + item.line]].concat(item.settings);
    if (kind === 'edge') rows.unshift(['edge', id]);
    rows.forEach(function (row) {
      list.appendChild(el('dt', '', row[0]));
      list.appendChild(el('dd', '', row[1]));
    });
    details.appendChild(list);
    details.dataset.showing = kind + ':' + id;
  }
  function activate(group) {
    document.querySelectorAll('#graph g.active').forEach(function (g) { g.classList.remove('active'); });
    if (group) group.classList.add('active');
  }
  document.querySelectorAll('#graph g.node, #graph g.edge').forEach(function (group) {
    var id = group.id;
    var colon = id.indexOf(':');
    if (colon < 0) return;
    var kind = id.slice(0, colon);
    var name = id.slice(colon + 1);
    if (kind === 'edge') {
      var path = group.querySelector('path');
      if (path) {
        var hit = path.cloneNode(false);
        hit.setAttribute('class', 'hit');
        group.insertBefore(hit, path);
      }
    }
    group.addEventListener('mouseenter', function () {
      if (pinned) return;
      activate(group);
      show(kind, name);
    });
    group.addEventListener('click', function (event) {
      event.stopPropagation();
      pinned = pinned === group ? null : group;
      activate(group);
      show(kind, name);
    });
  });
  document.getElementById('graph').addEventListener('click', function () { pinned = null; activate(null); });
})();
`;
