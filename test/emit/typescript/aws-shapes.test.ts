// The generated types say exactly what AWS sends (issue 12 §3): per flow, handler code that
// reads what AWS sends type-checks, and code that reads what AWS never sends is a tsc error on
// the line marked `@ts-expect-error` (an unused marker is an error too, so each one must fire).
// All the flows share one compiler program: one `typeCheck` for the whole file.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { type TypeError, formatErrors, manifestOf, repoRoot, typeCheck } from './type-check.js';

interface Case {
  readonly flow: string;
  /** The body of `check.ts` beside the flow's `generated/flow.ts`. */
  readonly code: string;
}

const folder = join(repoRoot, '.flowc-virtual/aws-shapes');

const tableFlow = (view: string) => `app shop
type Device = { id: string, site: string, name: string, tags: string[] }
table devices: Device { key = id, sort = site, stream = ${view} }
fn watch(Device)
devices -> watch { start = latest, retries = 2, max_age = 1h }
`;

const busFlow = `app shop
type Order = { id: string, lines: string[] }
type Receipt = { order: string }
topic placed: Order
bus audit: Order
fn place(Order) -> Receipt { sends = [audit] }
fn charge(Order) -> Receipt
fn log(Order)
fn record(success<charge>)
placed -> place
placed -> charge -> audit
audit -> log
audit -> record
`;

const cases: Record<string, Case> = {
  'table-keys-exact': {
    flow: tableFlow('new_and_old'),
    code: `import { watch } from './generated/flow.js';
export const handler = watch.eachChange(async (change) => {
  const key: { id: string; site: string } = change.keys;
  // @ts-expect-error: the keys are the key fields only, not the item
  const name: string = change.keys.name;
  return [key, name];
});`,
  },
  'table-view-new': {
    flow: tableFlow('new'),
    code: `import { watch } from './generated/flow.js';
export const handler = watch.eachChange(async (change) => {
  // @ts-expect-error: a NEW_IMAGE stream has no old image
  const before = change.oldImage;
  if (change.eventName === 'REMOVE') return before;
  const after: { id: string } = change.newImage;
  return after;
});`,
  },
  'table-view-old': {
    flow: tableFlow('old'),
    code: `import { watch } from './generated/flow.js';
export const handler = watch.eachChange(async (change) => {
  // @ts-expect-error: an OLD_IMAGE stream has no new image
  const after = change.newImage;
  if (change.eventName === 'INSERT') return after;
  const before: { id: string } = change.oldImage;
  return before;
});`,
  },
  'table-view-keys': {
    flow: tableFlow('keys'),
    code: `import { watch } from './generated/flow.js';
export const handler = watch.eachChange(async (change) => {
  // @ts-expect-error: a KEYS_ONLY stream has no images
  const after = change.newImage;
  // @ts-expect-error: a KEYS_ONLY stream has no images
  const before = change.oldImage;
  return [after, before, change.keys.id];
});`,
  },
  'table-view-new-and-old': {
    flow: tableFlow('new_and_old'),
    code: `import { watch } from './generated/flow.js';
export const handler = watch.eachChange(async (change) => {
  if (change.eventName === 'MODIFY') {
    const both: [string, string] = [change.oldImage.name, change.newImage.name];
    return both;
  }
  // @ts-expect-error: an insert has no old image, a removal no new image: either may be undefined here
  return change.newImage.name;
});`,
  },
  'bus-source': {
    flow: busFlow,
    code: `import { log, record } from './generated/flow.js';
export const app = log.onEvent(async (order, { event }) => {
  const source: 'shop' = event.source;
  return void [source, order.id];
});
export const destination = record.onEvent(async (success, { event }) => {
  const source: 'lambda' = event.source;
  // @ts-expect-error: a destination's record on a bus comes from \`lambda\`, never from the app
  const app: 'shop' = event.source;
  return void [source, app, success.requestContext.condition];
});`,
  },
  'lists-readonly': {
    flow: busFlow,
    code: `import { place, type Order } from './generated/flow.js';
const fixture = { id: 'o1', lines: ['a', 'b'] } as const;
export const order: Order = fixture;
export const handler = place.onMessage(async () => {
  await place.sends.audit.put(fixture);
  return { order: fixture.id };
});`,
  },
  'flow-bus-kinds': {
    flow: busFlow,
    code: `import type { Flow, RecordInput } from './generated/flow.js';
import type { FlowSimulation } from '../../../compiler/testing.js';
export function put(sim: FlowSimulation<Flow>, success: RecordInput) {
  sim.putEvent('audit', 'Order', { id: 'o-1', lines: [] });
  sim.putEvent('audit', 'Lambda Function Invocation Result - Success', success, 'lambda');
  // @ts-expect-error: the success records on \`audit\` are the record, not an Order
  sim.putEvent('audit', 'Lambda Function Invocation Result - Success', { id: 'o-1', lines: [] });
  // @ts-expect-error: nothing puts failure records on \`audit\`: the app's events take an Order
  sim.putEvent('audit', 'Lambda Function Invocation Result - Failure', success);
  // @ts-expect-error: destination records come from \`lambda\`
  sim.putEvent('audit', 'Lambda Function Invocation Result - Success', success, 'shop');
  type Kinds = Flow['buses']['audit'];
  const kinds: Kinds['source'][] = ['lambda', 'shop'];
  return kinds;
}`,
  },
  'record-size-limited': {
    flow: `app shop
type Order = { id: string }
type Receipt = { order: string }
topic placed: Order
topic receipts
queue kept
fn charge(Order) -> Receipt
fn refund(Order) -> Receipt
fn notify
fn keep
placed -> charge -> receipts
placed -> refund -> kept
receipts -> notify
kept -> keep
`,
    code: `import { keep, notify } from './generated/flow.js';
export const fromTopic = notify.onMessage(async (record) => {
  // @ts-expect-error: above 256 KB Lambda drops the payloads of a record it sends to SNS
  const receipt: { order: string } = record.responsePayload;
  const request = record.requestPayload?.Records[0]?.Sns.Message;
  return void [receipt, request];
});
export const fromQueue = keep.eachMessage(async (record) => {
  const receipt: { order: string } = record.responsePayload;
  return void receipt;
});`,
  },
  'record-request-async-only': {
    flow: `app shop
type Order = { id: string }
type Receipt = { order: string }
topic placed: Order
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
queue receipts
fn take(Order) { sends = [orders] }
fn charge(Order) -> Receipt
fn keep
placed -> take
placed -> charge -> receipts
orders -> charge
receipts -> keep
`,
    code: `import { keep } from './generated/flow.js';
export const handler = keep.eachMessage(async (record) => {
  // Destinations fire for asynchronous invocations only: the request is the SNS event, never the SQS batch.
  const message: string = record.requestPayload.Records[0]?.Sns.Message ?? '';
  return void message;
});`,
  },
};

let errors: readonly TypeError[] = [];

beforeAll(() => {
  const files = new Map<string, string>();
  for (const [name, { flow, code }] of Object.entries(cases)) {
    for (const [path, text] of emitTypeScript(manifestOf(`${name}.flow`, flow), { generatedDir: 'generated' }).generated) files.set(join(folder, name, path), text);
    files.set(join(folder, name, 'check.ts'), `${code}\n`);
  }
  errors = typeCheck(files);
});

describe('the generated types under strict tsc: what AWS sends, no wider and no narrower', () => {
  it('the generated modules themselves have no errors', () => {
    expect(formatErrors(errors.filter((e) => e.file.endsWith('flow.ts')))).toBe('');
  });

  it.each(Object.keys(cases))('%s', (name) => {
    expect(formatErrors(errors.filter((e) => e.file === join(folder, name, 'check.ts')))).toBe('');
  });
});
