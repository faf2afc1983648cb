import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { emitCloudFormation } from '../../../compiler/emit/cloudformation/index.js';
import { checkText } from '../../../compiler/program.js';
import { manifestOf } from './helpers/compile.js';

/** docs/cloudformation.md: its example checks cleanly, and the YAML it quotes is what flowc writes for it. */
test('the example of docs/cloudformation.md and the template excerpt it shows', () => {
  const doc = readFileSync(new URL('../../../docs/cloudformation.md', import.meta.url), 'utf8');
  const flow = /```flow\n([\s\S]*?)```/.exec(doc)?.[1] as string;
  const excerpt = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] as string;
  expect(checkText('shop.flow', flow).diagnostics.map((d) => d.message)).toEqual([]);
  const template = emitCloudFormation(manifestOf('shop.flow', flow), { format: 'yaml' }).files.get('template.yaml') as string;
  expect(template).toContain(excerpt);
  for (const id of ['PlacedTopic', 'OrdersQueue', 'OrdersQueuePolicy', 'PlacedToOrdersSubscription', 'BillFunctionRole', 'BillFunction', 'OrdersToBillMapping']) {
    expect(template).toContain(`\n  ${id}:\n`);
  }
});
