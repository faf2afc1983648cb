import type { PayloadType } from '../../runtime/manifest/types.js';
import type { AttributeShape, ShapeOf } from '../../runtime/pattern/filters.js';
import { structureOf } from '../types/structure.js';
import type { TypedProgram } from './typed-program.js';

/**
 * The DynamoDB attribute type of each field of a table's items, as the table client writes them
 * (`@aws-sdk/util-dynamodb` marshall: strings and timestamps S, numbers N, booleans BOOL,
 * records M, arrays L): what a DynamoDB filter wraps each field in
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html). Undefined for a field
 * whose type is not known (the filter then goes by its values).
 */
export function attributeShapes(item: PayloadType, typed: TypedProgram): ShapeOf {
  return (path) => {
    let current: PayloadType = item;
    for (const name of path) {
      let structure = structureOf(current, typed);
      for (let depth = 0; structure.kind === 'array' && depth < 64; depth++) structure = structureOf(structure.element, typed);
      if (structure.kind !== 'record') return undefined;
      const field = structure.fields.find((f) => f.name === name);
      if (field === undefined) return undefined;
      current = field.type;
    }
    return shapeOfType(current, typed, 0);
  };
}

function shapeOfType(type: PayloadType, typed: TypedProgram, depth: number): AttributeShape | undefined {
  const structure = structureOf(type, typed);
  switch (structure.kind) {
    case 'string':
    case 'timestamp':
    case 'literal':
    case 'union':
      return { kind: 'S' };
    case 'number':
    case 'int':
      return { kind: 'N' };
    case 'boolean':
      return { kind: 'BOOL' };
    case 'record':
      return { kind: 'M' };
    case 'array': {
      if (depth > 32) return undefined;
      const element = shapeOfType(structure.element, typed, depth + 1);
      return element === undefined ? undefined : { kind: 'L', element };
    }
    default:
      return undefined;
  }
}
