// `node bench/lsp.js`: the language server on a generated 1,000-function file (issue 15, "Speed").
// Drives `bin/flowc.js lsp` over stdio as an editor does and measures, as medians:
//   - diagnostics after an edit: from sending `didChange` to receiving its `publishDiagnostics`
//     (the 30 ms debounce included, and the time without it);
//   - hover on a function name and completion after `->`, with the file's analysis cached;
//   - the server's peak RSS with the file open and edited, against `flowc check`'s on the file.
// Prints a Markdown table for docs/performance.md. Options: --functions 1000, --runs 21, --no-build.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateFlow } from './generate.js';
import { flag, median, now, numberOption } from './common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const functions = numberOption('--functions', 1000);
const runs = numberOption('--runs', 21);
const debounceMs = 30; // DIAGNOSTICS_DEBOUNCE_MS in compiler/lsp/server.ts
const flowc = `${root}bin/flowc.js`;
const rssHook = `${root}bench/rss-hook.js`;

if (!flag('--no-build')) execFileSync(process.execPath, [`${root}scripts/build.js`], { stdio: 'inherit' });

const maxRssMb = (stderr) => Number(/FLOWC_BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;

const dir = `${root}bench/.work/lsp`;
mkdirSync(dir, { recursive: true });
const file = `${dir}/app.flow`;
const text = generateFlow(functions);
writeFileSync(file, text);
const uri = pathToFileURL(file).href;
const lines = text.split('\n');

const check = spawnSync(process.execPath, ['--import', rssHook, flowc, 'check', file], { encoding: 'utf8' });
if (check.status !== 0) throw new Error(`flowc check failed:\n${check.stderr}`);
const checkRss = maxRssMb(check.stderr);

const server = spawn(process.execPath, ['--import', rssHook, flowc, 'lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (chunk) => (serverErr += chunk));
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  waiting.get(params.version)?.(params);
});
connection.listen();
const diagnosticsOf = (version) => new Promise((resolve) => waiting.set(version, resolve));

await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
await connection.sendNotification('initialized', {});
let version = 1;
let published = diagnosticsOf(version);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flow', version, text } });
const opened = await published;
if (opened.diagnostics.length !== 0) throw new Error(`the generated flow has diagnostics: ${JSON.stringify(opened.diagnostics[0])}`);

// Each edit changes one function's memory, in the middle of the file: what typing does.
const editLine = lines.findIndex((l, i) => i > lines.length / 2 && /memory = 256/.test(l));
const column = lines[editLine].indexOf('256');
const edits = [];
for (let i = 0; i < runs; i++) {
  version++;
  published = diagnosticsOf(version);
  const start = now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: editLine, character: column }, end: { line: editLine, character: column + 3 } }, text: i % 2 ? '256' : '512' }],
  });
  await published;
  edits.push(now() - start);
}

const timed = async (method, params) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await connection.sendRequest(method, params(i));
    times.push(now() - start);
  }
  return median(times);
};
const fnLines = lines.map((l, i) => [l, i]).filter(([l]) => /^fn /.test(l)).map(([, i]) => i);
const hover = await timed('textDocument/hover', (i) => ({ textDocument: { uri }, position: { line: fnLines[(i * 37) % fnLines.length], character: 4 } }));
const chainLines = lines.map((l, i) => [l, i]).filter(([l]) => /_placed -> /.test(l)).map(([, i]) => i);
const completion = await timed('textDocument/completion', (i) => {
  const line = chainLines[(i * 7) % chainLines.length];
  return { textDocument: { uri }, position: { line, character: lines[line].indexOf('-> ') + 3 } };
});

await connection.sendRequest('shutdown');
const exited = new Promise((resolve) => server.once('exit', resolve));
await connection.sendNotification('exit');
await exited;
connection.dispose();
const serverRss = maxRssMb(serverErr);

const editMedian = median(edits);
const rows = [
  ['diagnostics after an edit (median, debounce included)', `${editMedian.toFixed(1)} ms`, '≤ 100 ms', editMedian <= 100],
  ['— of which re-checking and publishing', `${(editMedian - debounceMs).toFixed(1)} ms`, '', true],
  ['hover (median)', `${hover.toFixed(1)} ms`, '≤ 20 ms', hover <= 20],
  ['completion after `->` (median)', `${completion.toFixed(1)} ms`, '≤ 20 ms', completion <= 20],
  ['server peak RSS / `flowc check` peak RSS', `${serverRss.toFixed(0)} MB / ${checkRss.toFixed(0)} MB = ${(serverRss / checkRss).toFixed(2)}×`, '≤ 2×', serverRss / checkRss <= 2],
];
console.log(`flowc lsp on ${functions} functions (${(text.length / 1024).toFixed(0)} KB), ${runs} runs each, node ${process.version}\n`);
console.log('| measure | value | budget | |');
console.log('| --- | --- | --- | --- |');
for (const [name, value, budget, ok] of rows) console.log(`| ${name} | ${value} | ${budget} | ${budget ? (ok ? 'PASS' : 'MISS') : ''} |`);
