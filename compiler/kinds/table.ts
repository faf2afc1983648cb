import { dynamodb } from '../../runtime/aws/limits.js';
import type { KindSpec } from './kind.js';

/** `table orders: Order { key = id }`: a DynamoDB table; its arrows read its stream. */
export const tableKind = {
  keyword: 'table',
  noun: 'table',
  manifestList: 'tables',
  edges: { fn: 'table-trigger' },
  edgeHelp: "a table's stream is read by a function: `table -> fn`",
  cloudformation: { type: 'AWS::DynamoDB::Table', nameLengthMax: dynamodb.tableNameLengthMax, nameProperty: 'AWS::DynamoDB::Table TableName', holds: 'items' },
  simulator: 'dynamodb',
  describe: 'a DynamoDB table',
} as const satisfies KindSpec<'table'>;
