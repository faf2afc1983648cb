// The handler of `keeper` (kitchen-sink.flow:31). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { keeper, type KeeperHandler, type Promise_ } from '../generated/flow.js';

// `promise` is the input it is invoked with.
// Throw to fail the invocation.
export const handler: KeeperHandler = keeper.onInvoke(async (promise: Promise_) => {
  throw new Error(`keeper is not implemented yet (handlers/keeper.ts): ${JSON.stringify(promise)}`);
});
