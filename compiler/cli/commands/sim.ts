import { dirname, resolve } from 'node:path';
import { parseEventsFile, type EventsFile } from '../../../runtime/sim/events-file.js';
import { SimulationInputError, SimulationLimitError } from '../../../runtime/sim/errors.js';
import { loadHandlers } from '../../../runtime/sim/load-handlers.js';
import { missingParameterValues, type ParameterValues } from '../../../runtime/sim/parameters.js';
import { buildTimeline, type ObservedInvocation, recordInvocations, renderReportHtml } from '../../../runtime/sim/report/index.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { SchedulerService } from '../../../runtime/sim/services/scheduler.js';
import { Simulator } from '../../../runtime/sim/simulator.js';
import { renderSummaryText } from '../../../runtime/sim/summary.js';
import { formatOffset, parseDuration } from '../../../runtime/sim/time.js';
import { renderTraceText } from '../../../runtime/sim/trace.js';
import { compileBytes } from '../../program.js';
import { GENERATED_MARKER } from '../../emit/file-map.js';
import { displayPathFor, type Host } from '../host.js';
import { outputFolderProblem } from '../output-options.js';
import { type OutputProblem, planOutputs } from '../output-plan.js';
import { readInput } from '../read-input.js';
import { printDiagnostics, printOutputProblems, UsageError } from '../report.js';
import { ownedPicture, writeOneFile } from '../write-one.js';

export interface SimCommandOptions {
  /** events.json; default: `events.json` beside the .flow file, if there is one. */
  readonly events?: string | undefined;
  readonly until?: string | undefined;
  readonly seed?: string | undefined;
  readonly format: 'text' | 'json';
  /** Also write the run as one HTML page here. */
  readonly report?: string | undefined;
  /** `--stage`: the simulated resources have the stage's names. */
  readonly stage?: string | undefined;
}

/**
 * `flowc sim FILE --events events.json [--until 2h] [--seed N] [--format json]`: compiles the
 * flow, loads its handlers, injects the events, runs on the virtual clock and prints the trace
 * and a summary; with `--report FILE.html`, also the run as a page (written even when the run
 * hits a limit: that is when it is most needed). Exit 0; 1 when the flow has errors or the run
 * hits a limit (the trace up to there is printed); 2 for a bad events file, option, handler
 * module or report path.
 */
export async function runSim(host: Host, file: string, options: SimCommandOptions): Promise<number> {
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  const result = compileBytes(file, bytes, options.stage !== undefined ? { stage: options.stage } : {});
  if (!result.manifest) {
    printDiagnostics(host, result.diagnostics, 'pretty');
    return 1;
  }
  const manifest = result.manifest;
  const reportPath = options.report === undefined ? undefined : resolve(host.cwd, options.report);
  // The report's path is checked before the run: a run can be long, and its trace is printed.
  if (reportPath !== undefined && !reportWritable(host, file, options.report!, reportPath)) return 2;
  const flowDir = dirname(resolve(host.cwd, file));
  const eventsPath = options.events ?? (host.fileExists(resolve(flowDir, 'events.json')) ? resolve(flowDir, 'events.json') : undefined);
  let events: EventsFile = { events: [] };
  let seed: number | undefined;
  let untilMs: number | undefined;
  try {
    if (eventsPath !== undefined) events = parseEventsFile(new TextDecoder().decode(host.readFile(eventsPath)), manifest, eventsPath);
    seed = options.seed !== undefined ? parseSeed(options.seed) : events.seed;
    untilMs = options.until !== undefined ? parseDuration(options.until) : events.untilMs;
  } catch (error) {
    if (error instanceof SimulationInputError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const values = { parameters: events.parameters ?? {}, secrets: events.secrets ?? {} };
  const missing = missingParameterValues(manifest, values);
  if (missing.length > 0) {
    printOutputProblems(host, [
      {
        code: 'FL9032',
        message: `the flow reads ${missing.length === 1 ? 'a value' : `${missing.length} values`} that ${eventsPath === undefined ? 'no events file gives' : `${displayPathFor(host.cwd)(eventsPath)} does not give`}: ${missing.join('; ')}`,
        help: `give each in the events file, e.g. ${missingExample(manifest, values)}; the simulator reads nothing from AWS`,
      },
    ]);
    return 2;
  }
  if (untilMs === undefined && SchedulerService.firesForever(manifest)) {
    printOutputProblems(host, [schedulesNeedAnEnd(manifest, eventsPath === undefined ? undefined : displayPathFor(host.cwd)(eventsPath))]);
    return 2;
  }
  let simulator: Simulator;
  let invocations: ObservedInvocation[] = [];
  try {
    const loaded = await loadHandlers(manifest, flowDir, { options: values });
    for (const fn of loaded.missing) {
      const spec = manifest.functions.find((candidate) => candidate.name === fn)!;
      host.stderr(`flowc: warning: no handler file ${spec.handler} for \`${fn}\`: its invocations fail with Runtime.HandlerNotFound\n`);
    }
    simulator = new Simulator(manifest, loaded.handlers, seed === undefined ? values : { seed, ...values }, { hostResources: loaded.hostResources });
    if (reportPath !== undefined) {
      const recorded = recordInvocations();
      simulator.observeInvocations(recorded.observer);
      invocations = recorded.invocations;
    }
    for (const event of events.events) simulator.inject(event.injection, event.atMs, 'events.json');
  } catch (error) {
    if (error instanceof SimulationInputError) throw new UsageError(error.message);
    throw error;
  }
  let failure: SimulationLimitError | null = null;
  try {
    await simulator.run(untilMs === undefined ? {} : { untilMs });
  } catch (error) {
    if (!(error instanceof SimulationLimitError)) throw error;
    failure = error;
  } finally {
    simulator.dispose();
  }
  const summary = simulator.summary();
  if (options.format === 'json') {
    const trace = simulator.trace.entries.map((entry) => ({ time: formatOffset(entry.atMs), ...entry }));
    host.stdout(`${JSON.stringify({ app: manifest.app, seed: simulator.seed, ...(failure ? { error: failure.message } : {}), trace, summary }, null, 2)}\n`);
  } else {
    const until = untilMs === undefined ? 'until nothing is left to do' : `until ${formatOffset(untilMs)}`;
    const source = eventsPath === undefined ? 'no events file' : `${events.events.length} event${events.events.length === 1 ? '' : 's'}`;
    host.stdout(`flowc sim ${manifest.app} · seed ${simulator.seed} · ${source} · ${until}\n\n`);
    host.stdout(renderTraceText(simulator.trace.entries, simulator.trace.dropped));
    host.stdout(`\n${renderSummaryText(summary)}`);
  }
  if (reportPath !== undefined) {
    const entries = simulator.trace.entries;
    const until = untilMs === undefined ? 'until nothing is left to do' : `until ${formatOffset(untilMs)}`;
    const source = eventsPath === undefined ? 'no events file' : `${events.events.length} event${events.events.length === 1 ? '' : 's'} from ${displayPathFor(host.cwd)(eventsPath)}`;
    const page = renderReportHtml({
      manifest,
      timeline: buildTimeline({ manifest, entries, invocations }),
      summary,
      entries,
      traceDropped: simulator.trace.dropped,
      run: `${source} · ${until}`,
      error: failure?.message,
      header: reportHeader(manifest.source),
    });
    const written = writeOneFile(host, { input: resolve(host.cwd, file), inputName: file, path: reportPath, content: page, what: `the report of the run of app \`${manifest.app}\``, show: displayPathFor(host.cwd) });
    if (written !== 0) return written;
  }
  if (failure !== null) {
    host.stderr(`flowc: error: ${failure.message}\n`);
    return 1;
  }
  return 0;
}

/** FL9033: a flow with schedules simulated without an end time; its schedules would fire until the virtual-time limit. */
function schedulesNeedAnEnd(manifest: FlowManifest, events: string | undefined): OutputProblem {
  const names = manifest.schedules.filter((s) => s.state === 'ENABLED').map((s) => `\`${s.name}\``);
  return {
    code: 'FL9033',
    message: `the schedules of app \`${manifest.app}\` (${names.join(', ')}) fire forever, so this run has no end: give it an end time`,
    help: `run with \`--until 1d\` (any duration), or put \`"until": "1d"\` in ${events ?? 'the events file'}`,
  };
}

function reportHeader(source: string): string {
  return `${GENERATED_MARKER} ${source}. Do not edit: \`flowc sim --report\` rewrites this file.`;
}

/** Whether the report could be written where asked, checked as its writing will be (an empty page stands in). */
function reportWritable(host: Host, file: string, given: string, path: string): boolean {
  const problems = outputFolderProblem('--report', given);
  const plan = planOutputs(
    host,
    [
      { kind: 'claim', path: resolve(host.cwd, file), flow: file, what: `the input ${file}`, role: 'input' },
      { kind: 'generated', path, content: '', flow: file, what: 'the report of the run', role: 'asset', owned: ownedPicture },
    ],
    displayPathFor(host.cwd),
  );
  const all = [...problems, ...plan.problems];
  if (all.length === 0) return true;
  printOutputProblems(host, all);
  host.stderr('nothing run\n');
  return false;
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed)) throw new RangeError(`--seed must be a non-negative integer, not \`${text}\``);
  return seed;
}

/** `"parameters": { "/shop/db": "…" }` for the first value missing: the shape to add to events.json. */
function missingExample(manifest: FlowManifest, values: ParameterValues): string {
  for (const fn of manifest.functions) {
    for (const reference of fn.parameters ?? []) {
      const table = reference.source === 'ssm' ? values.parameters : values.secrets;
      if (!Object.hasOwn(table, reference.name)) return `\`"${reference.source === 'ssm' ? 'parameters' : 'secrets'}": { ${JSON.stringify(reference.name)}: "…" }\``;
    }
  }
  return '`"parameters": { "/name": "…" }`';
}
