import { kinesis } from '../../runtime/aws/limits.js';
import type { KindSpec } from './kind.js';

/** `stream clicks: Click`: a Kinesis data stream. */
export const streamKind = {
  keyword: 'stream',
  noun: 'stream',
  manifestList: 'streams',
  edges: { fn: 'stream-trigger' },
  edgeHelp: 'a stream is read by a function: `stream -> fn`',
  cloudformation: { type: 'AWS::Kinesis::Stream', nameLengthMax: kinesis.streamNameLengthMax, nameProperty: 'AWS::Kinesis::Stream Name', holds: 'records' },
  simulator: 'kinesis',
  describe: 'a Kinesis data stream',
} as const satisfies KindSpec<'stream'>;
