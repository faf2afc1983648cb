import type { FlowManifest } from '../../runtime/manifest/schema.js';
import { compileText } from '../../compiler/program.js';
import type { Handler } from '../../runtime/sim/services/lambda.js';
import type { SimOptions } from '../../runtime/sim/options.js';
import { Simulator } from '../../runtime/sim/simulator.js';
import { renderTraceText } from '../../runtime/sim/trace.js';

/** The manifest of a flow written inline; fails the test with the diagnostics if it has errors. */
export function manifestOf(text: string): FlowManifest {
  const result = compileText('test.flow', text);
  if (result.manifest === undefined) {
    throw new Error(`the test flow has errors:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  }
  return result.manifest;
}

/** Handlers are written loosely in tests: events are AWS shapes checked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestHandler = (event: any, context: any) => unknown;

export function simulator(flow: string, handlers: Readonly<Record<string, TestHandler>>, options: SimOptions = {}): Simulator {
  return new Simulator(manifestOf(flow), handlers as Record<string, Handler>, { captureLogs: false, ...options });
}

/**
 * The text trace with ids made readable and stable for hand-written expectations: every
 * distinct id (a UUID or its 8-hex-digit short form) becomes `#1`, `#2`, … in order of first appearance.
 */
export function normalizedTrace(sim: Simulator): string {
  const ids = new Map<string, string>();
  return renderTraceText(sim.trace.entries).replace(/\b([0-9a-f]{8})(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\b/g, (_, id: string) => {
    let name = ids.get(id);
    if (name === undefined) {
      name = `#${ids.size + 1}`;
      ids.set(id, name);
    }
    return name;
  });
}

/** The expected trace, written as an indented template literal. */
export function lines(text: string): string {
  const rows = text.split('\n').filter((row, index, all) => !(row.trim() === '' && (index === 0 || index === all.length - 1)));
  const indent = Math.min(...rows.filter((row) => row.trim() !== '').map((row) => /^ */.exec(row)![0].length));
  return `${rows.map((row) => row.slice(indent)).join('\n')}\n`;
}

export function bodyOf(record: { body: string }): unknown {
  return JSON.parse(record.body);
}

export function kinesisData(record: { kinesis: { data: string } }): unknown {
  return JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
}

/** Whether `trace` has these lines, one after another; columns are compared with any spacing. */
export function hasLines(trace: string, expected: string): boolean {
  const squeeze = (text: string): string => text.replace(/ {2,}/g, '  ');
  return squeeze(trace).includes(squeeze(lines(expected)));
}
