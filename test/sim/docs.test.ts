import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseEventsFile } from '../../runtime/sim/events-file.js';
import { validateInjection } from '../../runtime/sim/inject.js';
import { resolveOptions } from '../../runtime/sim/options.js';
import { manifestOf } from './helpers.js';

const doc = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8');
const shop = manifestOf(readFileSync(new URL('../../examples/shop/shop.flow', import.meta.url), 'utf8'));

describe('docs/simulator.md', () => {
  test('its events file example is valid for the shop example', () => {
    const block = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const file = parseEventsFile(block!, shop);
    expect(file.events).toHaveLength(7);
    for (const event of file.events) expect(() => validateInjection(shop, event.injection)).not.toThrow();
  });

  test('the defaults in its options table are the defaults', () => {
    const defaults = resolveOptions();
    const row = (name: string) => new RegExp(`^\\| \`${name.replace('.', '\\.')}\`[^|]*\\| ([^|]+) \\|`, 'm').exec(doc)?.[1]?.trim();
    expect(row('seed')).toBe(String(defaults.seed));
    expect(row('limits.maxEvents')).toBe(defaults.maxEvents.toLocaleString('en-US'));
    expect(row('async.ageLookahead')).toBe(String(defaults.asyncAgeLookahead));
    expect(row('async.thrownErrorType')).toBe(`\`${defaults.thrownErrorType}\``);
    expect(row('async.destinationFunctionInvocation')).toBe(`\`${defaults.destinationFunctionInvocation}\``);
    expect(row('sqs.standardOrder')).toBe(`\`${defaults.standardOrder}\``);
    expect(row('sqs.maxConcurrentBatches')).toBe(String(defaults.maxConcurrentBatches));
    expect(row('streams.bisectRetryAccounting')).toBe(`\`${defaults.bisectRetryAccounting}\``);
    expect(row('streams.parallelFailureBlocking')).toBe(`\`${defaults.parallelFailureBlocking}\``);
    expect(row('streams.recordAgeCondition')).toBe(`\`${defaults.recordAgeCondition}\``);
    expect(row('streams.onDemandShards')).toBe(String(defaults.onDemandShards));
    expect(row('streams.dynamodbShards')).toBe(String(defaults.dynamodbShards));
  });
});
