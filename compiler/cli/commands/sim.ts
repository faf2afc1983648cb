import { dirname, resolve } from 'node:path';
import { parseEventsFile, type EventsFile } from '../../../runtime/sim/events-file.js';
import { SimulationInputError, SimulationLimitError } from '../../../runtime/sim/errors.js';
import { loadHandlers } from '../../../runtime/sim/load-handlers.js';
import { Simulator } from '../../../runtime/sim/simulator.js';
import { renderSummaryText } from '../../../runtime/sim/summary.js';
import { formatOffset, parseDuration } from '../../../runtime/sim/time.js';
import { renderTraceText } from '../../../runtime/sim/trace.js';
import { compileBytes } from '../../program.js';
import type { Host } from '../host.js';
import { readInput } from '../read-input.js';
import { printDiagnostics, UsageError } from '../report.js';

export interface SimCommandOptions {
  /** events.json; default: `events.json` beside the .flow file, if there is one. */
  readonly events?: string | undefined;
  readonly until?: string | undefined;
  readonly seed?: string | undefined;
  readonly format: 'text' | 'json';
}

/**
 * `flowc sim FILE --events events.json [--until 2h] [--seed N] [--format json]`: compiles the
 * flow, loads its handlers, injects the events, runs on the virtual clock and prints the trace
 * and a summary. Exit 0; 1 when the flow has errors or the run hits a limit (the trace up to
 * there is printed); 2 for a bad events file, option or handler module.
 */
export async function runSim(host: Host, file: string, options: SimCommandOptions): Promise<number> {
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  const result = compileBytes(file, bytes);
  if (!result.manifest) {
    printDiagnostics(host, result.diagnostics, 'pretty');
    return 1;
  }
  const manifest = result.manifest;
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
  let simulator: Simulator;
  try {
    const loaded = await loadHandlers(manifest, flowDir);
    for (const fn of loaded.missing) {
      const spec = manifest.functions.find((candidate) => candidate.name === fn)!;
      host.stderr(`flowc: warning: no handler file ${spec.handler} for \`${fn}\`: its invocations fail with Runtime.HandlerNotFound\n`);
    }
    simulator = new Simulator(manifest, loaded.handlers, seed === undefined ? {} : { seed }, { hostResources: loaded.hostResources });
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
  if (failure !== null) {
    host.stderr(`flowc: error: ${failure.message}\n`);
    return 1;
  }
  return 0;
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed)) throw new RangeError(`--seed must be a non-negative integer, not \`${text}\``);
  return seed;
}
