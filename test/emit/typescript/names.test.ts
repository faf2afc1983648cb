import { describe, expect, it } from 'vitest';
import { camelCase, NameAllocator, pascalCase } from '../../../compiler/emit/typescript/names.js';
import { moduleSpecifier } from '../../../compiler/emit/typescript/stubs.js';
import { propertyName, quote, typeText, type TypeNames } from '../../../compiler/emit/typescript/type-text.js';

describe('names', () => {
  it('derives type names from function names', () => {
    expect(pascalCase('sessionize')).toBe('Sessionize');
    expect(pascalCase('on_call')).toBe('OnCall');
    expect(pascalCase('b0_f1')).toBe('B0F1');
    expect(pascalCase('_1st')).toBe('Fn1st');
    expect(camelCase('Order')).toBe('order');
  });

  it('never hands out a name twice, nor a keyword or a global the stubs use', () => {
    const names = new NameAllocator();
    expect(names.claim('Order')).toBe('Order');
    expect(names.claim('Order')).toBe('Order_');
    expect(names.claim('default')).toBe('default_');
    expect(names.claim('string')).toBe('string_');
    expect(names.claim('Promise')).toBe('Promise_');
  });

  it("moves a function's whole group of aliases when one of them is taken", () => {
    const names = new NameAllocator();
    names.claim('ChargeEvent');
    expect(names.claimGroup('Charge', ['Input', 'Event'])).toEqual({ Input: 'Charge_Input', Event: 'Charge_Event' });
    expect(names.claimGroup('Charge', ['Input', 'Event'])).toEqual({ Input: 'Charge__Input', Event: 'Charge__Event' });
  });
});

describe('type text', () => {
  const names: TypeNames = { runtime: 'rt', declared: (n) => `${n}_`, functionInput: (f) => `${f}In`, functionEvent: (f) => `${f}Event`, functionOutput: () => null, recordSizeLimited: () => false };

  it('prints payload types as TypeScript', () => {
    const type = {
      kind: 'record',
      fields: [
        { name: 'tags', optional: true, type: { kind: 'array', element: { kind: 'union', members: [{ kind: 'literal', value: "it's" }, { kind: 'literal', value: 'b' }] } } },
        { name: 'at', optional: false, type: { kind: 'timestamp' } },
        { name: 'n', optional: false, type: { kind: 'int' } },
        { name: 'ref', optional: false, type: { kind: 'ref', name: 'Order' } },
        { name: 'odd-name', optional: false, type: { kind: 'unknown' } },
      ],
    } as const;
    expect(typeText(type, names)).toBe("{ tags?: readonly ('it\\'s' | 'b')[]; at: string; n: number; ref: Order_; 'odd-name': unknown }");
  });

  it('prints the AWS shapes with the runtime generics', () => {
    expect(typeText({ kind: 'invocation', condition: 'success', function: 'f' }, names)).toBe('rt.SuccessRecord<fEvent, unknown>');
    expect(typeText({ kind: 'invocation', condition: 'failure', function: 'f' }, names)).toBe('rt.FailureRecord<fEvent>');
    expect(typeText({ kind: 'streamFailure', source: 'dynamodb' }, names)).toBe('rt.DynamoDbFailureRecord');
    expect(typeText({ kind: 'snsEnvelope', message: { kind: 'string' } }, names)).toBe('rt.SnsNotification<string>');
    expect(typeText({ kind: 'eventBridgeEvent', detailType: null, detail: { kind: 'boolean' } }, names)).toBe('rt.BusEvent<string, boolean>');
    expect(typeText({ kind: 'record', fields: [] }, names)).toBe('Record<string, never>');
  });

  it('quotes strings and property names safely', () => {
    expect(quote('a\'b"c\\d\n')).toBe("'a\\'b\"c\\\\d\\n'");
    expect(propertyName('detail-type')).toBe("'detail-type'");
    expect(propertyName('ok_1')).toBe('ok_1');
  });
});

describe('the import of the generated module from a stub', () => {
  it('is relative to the handler, with a .js extension', () => {
    expect(moduleSpecifier('handlers/charge.ts', 'generated')).toBe('../generated/flow.js');
    expect(moduleSpecifier('src/fns/deep/charge.ts', 'src/generated')).toBe('../../generated/flow.js');
    expect(moduleSpecifier('charge.ts', 'generated')).toBe('./generated/flow.js');
    expect(moduleSpecifier('generated/charge.ts', 'generated')).toBe('./flow.js');
  });
});
