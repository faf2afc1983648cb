/**
 * The simulator checks every payload handler code hands to the flow against the type the flow
 * gives it: what a function sends to a queue, topic, bus or stream, the items it puts in a
 * table, and the result it returns when it declares one. On AWS any shape goes through and the
 * consumer finds out; here the producer's invocation fails at once with the edge, the path and
 * the expected type, so a handler still writing the shape of an older version of the flow shows
 * up in `flowc sim` instead of passing quietly.
 */
import { basename } from 'node:path';
import { issueText, payloadSchema, type PayloadSchema } from '../handler/schema.js';
import type { FlowManifest, Origin, ResourceKind } from '../manifest/schema.js';
import type { PayloadType } from '../manifest/types.js';
import { PayloadTypeError } from './errors.js';
import type { Router } from './world.js';

/** What is written where: `message` for queues and topics, `detail`, `record`, `item`, `result`. */
type Carried = 'message' | 'detail' | 'record' | 'item' | 'result';

interface Checked {
  readonly schema: PayloadSchema<unknown>;
  /** `queue receipts (shop.flow:12)`. */
  readonly declared: string;
  readonly carried: Carried;
}

export class CarriedTypes {
  readonly #checks = new Map<string, Checked>();
  readonly #source: string;

  constructor(manifest: FlowManifest) {
    this.#source = basename(manifest.source);
    const add = (kind: ResourceKind | 'fn', name: string, type: PayloadType | null, origin: Origin, carried: Carried) => {
      if (type === null || type.kind === 'unknown') return;
      this.#checks.set(`${kind}:${name}`, { schema: payloadSchema(type, manifest.types), declared: `${kind} ${name} (${this.#source}:${origin.line})`, carried });
    };
    for (const queue of manifest.queues) add('queue', queue.name, queue.message, queue.origin, 'message');
    for (const topic of manifest.topics) add('topic', topic.name, topic.message, topic.origin, 'message');
    for (const bus of manifest.buses) add('bus', bus.name, bus.detail, bus.origin, 'detail');
    for (const stream of manifest.streams) add('stream', stream.name, stream.record, stream.origin, 'record');
    // An idempotency table holds the store's records, not the table's items.
    const stores = new Set(manifest.functions.flatMap((fn) => (fn.idempotency === null ? [] : [fn.idempotency.table])));
    for (const table of manifest.tables) if (!stores.has(table.name)) add('table', table.name, table.item, table.origin, 'item');
    // A function behind an HTTP route returns the response; its output is the body of a success, which services/apigateway.ts checks.
    const routed = new Set(manifest.edges.flatMap((edge) => (edge.kind === 'route' ? [edge.target] : [])));
    for (const fn of manifest.functions) if (!routed.has(fn.name)) add('fn', fn.name, fn.output, fn.origin, 'result');
  }

  /**
   * Throws a PayloadTypeError when `value`, written by function `from` to `kind` `name`, does not
   * have the type the flow gives it. `value` is the parsed payload (JSON text is parsed here).
   */
  check(from: string, kind: ResourceKind, name: string, value: unknown): void {
    this.#check(`${from} -> ${name}`, `${kind}:${name}`, value);
  }

  /** Whether function `fn` declares an output type to check its results against. */
  checksResult(fn: string): boolean {
    return this.#checks.has(`fn:${fn}`);
  }

  /** The same for the result a function returns, against its declared output. */
  checkResult(fn: string, value: unknown): void {
    this.#check(`the result of ${fn}`, `fn:${fn}`, value);
  }

  /** JSON text written to `kind` `name`; text that is not JSON is left to the reader's decoder. */
  checkJson(from: string, kind: ResourceKind, name: string, text: string): void {
    if (!this.#checks.has(`${kind}:${name}`)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new PayloadTypeError(`${from} -> ${name}: the ${this.#checks.get(`${kind}:${name}`)?.carried} is not JSON, so it cannot have the type of ${kind} ${name}`);
    }
    this.check(from, kind, name, value);
  }

  #check(edge: string, key: string, value: unknown): void {
    const checked = this.#checks.get(key);
    if (checked === undefined) return;
    const issues = checked.schema.check(value);
    const [first] = issues;
    if (first === undefined) return;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new PayloadTypeError(`${edge}: the ${checked.carried} does not have the type ${checked.schema.expected} of ${checked.declared}: ${issueText(first)}${more}`);
  }
}

/**
 * `router` with the writes of handler code checked: what the SDK calls of function
 * `currentFunction()` send, publish, put or put as items (PutItem and BatchWriteItem; an
 * UpdateItem may build an item up field by field, so it is not held to the whole type).
 */
export function checkingRouter(router: Router, carried: CarriedTypes, currentFunction: () => string): Router {
  return {
    ...router,
    sendMessage: (queue, input) => {
      carried.checkJson(currentFunction(), 'queue', queue, input.body);
      return router.sendMessage(queue, input);
    },
    publish: (topic, input) => {
      carried.checkJson(currentFunction(), 'topic', topic, input.message);
      return router.publish(topic, input);
    },
    putEvent: (bus, entry) => {
      carried.check(currentFunction(), 'bus', bus, entry.detail);
      return router.putEvent(bus, entry);
    },
    putRecord: (stream, input) => {
      carried.checkJson(currentFunction(), 'stream', stream, new TextDecoder().decode(input.data));
      return router.putRecord(stream, input);
    },
  };
}
