/** The report's style sheet, inlined into the page. Outcome colours are the `--*` variables. */
export const REPORT_STYLE = `
:root {
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2933;
  --success: #43a047; --retried: #fb8c00; --failure: #d32f2f; --timeout: #8e24aa; --unknown: #9e9e9e;
  --message: #78909c; --poll: #37474f; --line-success: #2e7d32; --line-failure: #c62828; --retry: #ef6c00;
}
body { margin: 0; background: #fafbfc; }
header { display: flex; flex-wrap: wrap; gap: 0 1.2em; align-items: baseline; padding: 10px 16px; background: #fff; border-bottom: 1px solid #e1e4e8; }
header h1 { font-size: 16px; font-weight: normal; margin: 0; }
header span { color: #5f6b7a; }
h2 { font-size: 14px; margin: 0; }
section { padding: 10px 16px 0; }
.run-error { margin: 10px 16px 0; padding: 8px 12px; background: #fdecea; color: #b71c1c; border-radius: 6px; }
.cards { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; }
.cards li { background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 6px 10px; min-width: 120px; max-width: 260px; display: flex; flex-direction: column; }
.cards .value { font-size: 20px; font-weight: 600; }
.cards .title { color: #37474f; }
.cards .note { color: #5f6b7a; font-size: 12px; word-break: break-word; }
table.functions { border-collapse: collapse; margin-top: 8px; font-size: 13px; background: #fff; border: 1px solid #e1e4e8; }
table.functions th, table.functions td { padding: 2px 10px; text-align: right; border-bottom: 1px solid #eef0f2; }
table.functions th:first-child { text-align: left; }
.bad { color: #c62828; font-weight: 600; }
.note { color: #5f6b7a; }
#endings ul { margin: 4px 0 0; padding-left: 18px; }
#endings li span { color: #5f6b7a; }
#endings li.some { color: #b71c1c; }
.toolbar { display: flex; align-items: center; gap: 8px; margin: 6px 0; flex-wrap: wrap; }
.toolbar button { font: inherit; min-width: 32px; padding: 1px 8px; border: 1px solid #c4c9d0; border-radius: 4px; background: #fff; cursor: pointer; }
.toolbar label, #timeline-note { color: #37474f; font-size: 13px; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 0 0 6px; padding: 0; font-size: 12px; color: #37474f; }
.legend li { display: flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 16px; height: 10px; border-radius: 2px; }
.swatch.bar.success { background: var(--success); } .swatch.bar.retried { background: var(--retried); } .swatch.bar.failure { background: var(--failure); }
.swatch.bar.timeout { background: var(--timeout); } .swatch.bar.unknown { background: var(--unknown); }
.swatch.line { height: 0; border-top: 2px solid; border-radius: 0; }
.swatch.line.retry { border-top: 2px dashed var(--retry); } .swatch.line.message { border-color: var(--message); } .swatch.line.poll { border-color: var(--poll); }
.swatch.line.success { border-color: var(--line-success); } .swatch.line.failure { border-color: var(--line-failure); }
.swatch.span { background: repeating-linear-gradient(45deg, #ffe0b2 0 3px, #fff3e0 3px 6px); border: 1px solid #ffb74d; }
.layout { display: flex; align-items: flex-start; gap: 12px; }
#timeline { flex: 1 1 auto; min-width: 0; display: flex; background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; overflow: hidden; }
#lane-labels { flex: 0 0 170px; position: relative; border-right: 1px solid #e1e4e8; background: #fff; }
#lane-labels .lane { position: absolute; left: 0; right: 0; padding: 3px 8px; box-sizing: border-box; overflow: hidden; border-top: 1px solid #f0f1f3; }
#lane-labels .lane b { display: block; font-size: 13px; white-space: nowrap; text-overflow: ellipsis; overflow: hidden; }
#lane-labels .lane span { display: block; color: #5f6b7a; font-size: 11px; white-space: nowrap; text-overflow: ellipsis; overflow: hidden; }
#lane-labels .lane.role b { color: #b71c1c; }
#scroller { flex: 1 1 auto; overflow-x: auto; overflow-y: hidden; }
#chart { display: block; }
#chart .bar { cursor: pointer; stroke: #fff; stroke-width: 0.5; }
#chart .bar.success { fill: var(--success); } #chart .bar.retried { fill: var(--retried); } #chart .bar.failure { fill: var(--failure); }
#chart .bar.timeout { fill: var(--timeout); } #chart .bar.unknown { fill: var(--unknown); }
#chart .bar.selected { stroke: #111; stroke-width: 2; }
#chart .bin { cursor: pointer; }
#chart .axis text, #chart .tick-label { font-size: 10px; fill: #5f6b7a; }
#chart .arrow { stroke-width: 1.2; fill: none; }
#chart .arrow.message { stroke: var(--message); } #chart .arrow.poll { stroke: var(--poll); } #chart .arrow.success { stroke: var(--line-success); }
#chart .arrow.failure, #chart .arrow.dead-letter, #chart .arrow.on-failure { stroke: var(--line-failure); stroke-width: 1.6; }
#chart .retry-link { stroke: var(--retry); stroke-width: 1.4; stroke-dasharray: 4 3; fill: none; }
#chart .retry-label { font-size: 10px; fill: #e65100; }
#chart .badge rect { rx: 3; }
#chart .badge text { font-size: 9.5px; fill: #fff; }
#chart.no-messages .arrow.message, #chart.no-messages .arrow.poll { display: none; }
#details { flex: 0 0 340px; max-height: 80vh; overflow: auto; background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 10px 12px; position: sticky; top: 8px; box-sizing: border-box; }
#details h3 { margin: 0; font-size: 15px; }
#details .outcome { font-weight: 600; margin: 2px 0 6px; }
#details .outcome.success { color: #2e7d32; } #details .outcome.retried { color: #e65100; } #details .outcome.failure { color: #c62828; }
#details .outcome.timeout { color: #6a1b9a; } #details .outcome.unknown { color: #616161; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 6px; font-size: 13px; }
#details dt { color: #5f6b7a; } #details dd { margin: 0; word-break: break-word; }
#details h4 { margin: 8px 0 2px; font-size: 12px; color: #37474f; }
#details pre { margin: 0; font: 12px/1.35 ui-monospace, Menlo, Consolas, monospace; background: #f4f5f7; border-radius: 4px; padding: 6px; white-space: pre-wrap; word-break: break-word; max-height: 260px; overflow: auto; }
.hint { color: #5f6b7a; margin: 0; }
.idle { color: #5f6b7a; font-size: 13px; }
#trace { margin: 12px 16px 24px; }
#trace pre { font: 12px/1.35 ui-monospace, Menlo, Consolas, monospace; background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 8px; overflow: auto; max-height: 480px; }
`;
