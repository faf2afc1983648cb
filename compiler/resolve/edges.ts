import type { DeclarationKind } from '../settings/schema.js';
import type { EdgeKind } from './program.js';

/** The edges the language has: source kind → target kind → what AWS mechanism it becomes. */
export const edgeTable: Readonly<Record<DeclarationKind, Partial<Record<DeclarationKind, EdgeKind>>>> = {
  fn: { fn: 'destination', queue: 'destination', topic: 'destination', bus: 'destination' },
  queue: { fn: 'queue-trigger' },
  stream: { fn: 'stream-trigger' },
  table: { fn: 'table-trigger' },
  topic: { fn: 'subscription', queue: 'subscription' },
  bus: { fn: 'rule', queue: 'rule' },
};

/** Why an edge from a kind cannot go to the target, and what to write instead. */
export const edgeHelp: Readonly<Record<DeclarationKind, string>> = {
  fn: "a function's results go to a function, queue, topic or bus (Lambda destinations); to write to a stream or table from the handler, list it in `sends`",
  queue: 'a queue is read by a function: `queue -> fn`; to move messages on, let that function send them',
  stream: 'a stream is read by a function: `stream -> fn`',
  table: "a table's stream is read by a function: `table -> fn`",
  topic: 'a topic delivers to functions and queues: `topic -> fn`, `topic -> queue`',
  bus: 'a bus rule targets a function or a queue: `bus -> fn { match = … }`',
};
