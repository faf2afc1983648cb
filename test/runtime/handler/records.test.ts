// The record types of flowc/runtime and the compiler's structural view of the same records
// (what the checker compares payloads against) must describe one shape: the compiler's records,
// printed as TypeScript, and the runtime's types are assignable both ways.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeText, type TypeNames } from '../../../compiler/emit/typescript/type-text.js';
import { invocationRecord, streamFailureRecord } from '../../../compiler/types/structure.js';
import { formatErrors, repoRoot, typeCheck } from '../../emit/typescript/type-check.js';

const names: TypeNames = { runtime: 'runtime', declared: (name) => name, functionInput: () => 'Order', functionEvent: () => 'Order', functionOutput: () => 'Receipt', recordSizeLimited: () => false };
const order = { kind: 'ref', name: 'Order' } as const;
const receipt = { kind: 'ref', name: 'Receipt' } as const;

describe('invocation and stream failure records', () => {
  it('are the same shapes in flowc/runtime and in the compiler', () => {
    const pairs = {
      SuccessRecord: ['runtime.SuccessRecord<Order, Receipt>', typeText(invocationRecord('success', order, receipt), names)],
      FailureRecord: ['runtime.FailureRecord<Order>', typeText(invocationRecord('failure', order, receipt), names)],
      KinesisFailureRecord: ['runtime.KinesisFailureRecord', typeText(streamFailureRecord('kinesis'), names)],
      DynamoDbFailureRecord: ['runtime.DynamoDbFailureRecord', typeText(streamFailureRecord('dynamodb'), names)],
    };
    const source = [
      "import type * as runtime from 'flowc/runtime';",
      'interface Order { id: string; total: number }',
      'interface Receipt { order: string; charged: number }',
      'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
      ...Object.entries(pairs).map(([name, [runtimeType, compilerType]]) => `export const ${name}: Same<${runtimeType}, ${compilerType}> = true;`),
    ].join('\n');
    const errors = typeCheck(new Map([[join(repoRoot, '.flowc-virtual/records.ts'), source]]));
    expect(formatErrors(errors)).toBe('');
  });
});
