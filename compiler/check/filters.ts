import type { PayloadType } from '../../runtime/manifest/types.js';
import type { Pattern } from '../../runtime/manifest/schema.js';
import { type AttributeShape, attributeValuePattern, type FilterService, type ShapeOf } from '../../runtime/pattern/filters.js';
import type { SourceEntry, SourcePattern } from '../resolve/pattern.js';
import type { Edge } from '../resolve/program.js';
import { structureOf } from '../types/structure.js';
import type { TypedProgram } from './typed-program.js';

/**
 * The DynamoDB attribute type of each field of a table's items, as the table client writes them
 * (`@aws-sdk/util-dynamodb` marshall: strings and timestamps S, numbers N, booleans BOOL,
 * records M, arrays L): what a DynamoDB filter wraps each field in
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html). Undefined for a field
 * whose type is not known (the filter then goes by its values).
 */
function attributeShapes(item: PayloadType, typed: TypedProgram): ShapeOf {
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

/** A table trigger's filter as DynamoDB's stream records hold the item: the new image, each field in its attribute-value form. */
export function newImagePattern(pattern: Pattern, item: PayloadType, typed: TypedProgram): Pattern {
  return attributeValuePattern(pattern, [], attributeShapes(item, typed));
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

/** The service that applies an edge's `filter`; undefined for edges that take none. */
export function filterServiceOf(edge: Edge): FilterService | undefined {
  switch (edge.kind) {
    case 'queue-trigger':
      return 'sqs';
    case 'stream-trigger':
      return 'kinesis';
    case 'table-trigger':
      return 'dynamodb';
    case 'subscription':
      return 'sns';
    default:
      return undefined;
  }
}

/** Every field entry of a pattern with values, through nesting and the alternatives of `any_of`. */
export function valueEntries(pattern: SourcePattern): Extract<SourceEntry, { kind: 'field' }>[] {
  const out: Extract<SourceEntry, { kind: 'field' }>[] = [];
  const walk = (p: SourcePattern) => {
    for (const entry of p.entries) {
      if (entry.kind === 'anyOf') entry.alternatives.forEach(walk);
      else if (entry.match.kind === 'nested') walk(entry.match.pattern);
      else out.push(entry);
    }
  };
  walk(pattern);
  return out;
}

/** How a trigger or subscription is named in messages: `the SQS trigger \`legacy -> fulfil\``. */
export function filteredEdgeNoun(edge: Edge): string {
  const arrow = `\`${edge.source.name} -> ${edge.target.name}\``;
  switch (edge.kind) {
    case 'queue-trigger':
      return `the SQS trigger ${arrow}`;
    case 'stream-trigger':
      return `the Kinesis trigger ${arrow}`;
    case 'table-trigger':
      return `the DynamoDB stream trigger ${arrow}`;
    default:
      return `the subscription ${arrow}`;
  }
}
