import { lambda } from '../../runtime/aws/limits.js';
import type { KindSpec } from './kind.js';

/** `fn charge(Order) -> Receipt`: a Lambda function. */
export const fnKind = {
  keyword: 'fn',
  noun: 'function',
  manifestList: 'functions',
  edges: { fn: 'destination', queue: 'destination', topic: 'destination', bus: 'destination' },
  edgeHelp: "a function's results go to a function, queue, topic or bus (Lambda destinations); to write to a stream or table from the handler, list it in `sends`",
  cloudformation: { type: 'AWS::Lambda::Function', nameLengthMax: lambda.functionNameLengthMax, nameProperty: 'AWS::Lambda::Function FunctionName', holds: null },
  simulator: 'lambda',
  describe: 'a Lambda function',
} as const satisfies KindSpec<'fn'>;
