// The handler of `greet` (hello.flow:10).
// flowc created the first version of this file; it is yours now. Its types come from the
// generated module, which every `flowc build` rewrites, so after a change to the flow `tsc`
// points at the code here that no longer fits.
import { greet, type GreetHandler, type Greeting, type Reply } from '../generated/flow.js';

const HELLO: Record<Greeting['language'], string> = { en: 'Hello', fr: 'Bonjour' };

// One SNS notification: `greeting` is its decoded message. The result goes to `replies`
// (the success destination). Throwing fails the invocation: Lambda retries it twice.
export const handler: GreetHandler = greet.onMessage(async (greeting: Greeting): Promise<Reply> => {
  if (greeting.name.trim() === '') throw new Error('a greeting needs a name');
  return { to: greeting.name, text: `${HELLO[greeting.language]}, ${greeting.name}!` };
});
