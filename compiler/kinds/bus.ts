import { eventBridge } from '../../runtime/aws/limits.js';
import type { KindSpec } from './kind.js';

/** `bus events: Detail`: an EventBridge event bus; its arrows are rules. */
export const busKind = {
  keyword: 'bus',
  noun: 'bus',
  manifestList: 'buses',
  edges: { fn: 'rule', queue: 'rule' },
  edgeHelp: 'a bus rule targets a function or a queue: `bus -> fn { match = … }`',
  cloudformation: { type: 'AWS::Events::EventBus', nameLengthMax: eventBridge.busNameLengthMax, nameProperty: 'AWS::Events::EventBus Name', holds: null },
  simulator: 'eventbridge',
  describe: 'an EventBridge event bus',
} as const satisfies KindSpec<'bus'>;
