// FL3016/FL3017 (a dead-letter queue or an on-failure target declared with a type it never
// receives) and FL5005/FL5006 (destination and asynchronous settings that carry or change
// nothing): the branches the fixtures do not reach, and the suggested edits, applied.
import { describe, expect, test } from 'vitest';
import { asyncSettingsUnused } from '../../compiler/check/rules/async-settings-unused.js';
import { destinationWithoutOutput } from '../../compiler/check/rules/destination-without-output.js';
import { dlqTypeMismatch } from '../../compiler/check/rules/dlq-type-mismatch.js';
import { onFailureTypeMismatch } from '../../compiler/check/rules/on-failure-type-mismatch.js';
import { applyEdits } from '../../compiler/diagnostics/apply-edits.js';
import { checkText } from '../../compiler/program.js';
import { expectDiagnostics, ruleDiagnostics } from '../helpers/expect-diagnostics.js';
import type { Rule } from '../../compiler/check/rule.js';

/** The flow after the first suggestion of the rule's only diagnostic. */
function fixed(rule: Rule, flow: string): string {
  const [diagnostic, ...rest] = ruleDiagnostics(rule, flow);
  expect(rest).toEqual([]);
  const edits = diagnostic?.suggestions?.[0]?.edits ?? [];
  expect(edits.length).toBeGreaterThan(0);
  return applyEdits(flow, edits);
}

const codesOf = (flow: string) => checkText('t.flow', flow).diagnostics.map((d) => d.code);

describe('FL3016: a dead-letter queue holds its source queue\'s messages', () => {
  const flow = `app shop
type Order = { id: string, total: number }
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: { reason: string }
topic placed: Order
fn take(Order) { sends = [orders] }
fn charge(Order)
placed -> take
orders -> charge
`;

  test('the fix declares the source\'s type, and then the flow checks clean of FL3016', () => {
    const after = fixed(dlqTypeMismatch, flow);
    expect(after).toContain('queue orders_dead: Order\n');
    expect(codesOf(after)).not.toContain('FL3016');
  });

  test('a source whose type is inferred: the fix drops the declared type', () => {
    const inferred = `app shop
type Order = { id: string, total: number }
queue orders { dlq = orders_dead, max_receives = 5 }
queue orders_dead: { reason: string }
topic placed: Order
placed -> orders
`;
    expectDiagnostics(dlqTypeMismatch, inferred, [
      { at: '4:20', message: /declared as `\{ reason: string \}`, but it receives the messages of `orders`/, help: /leave the type of `orders_dead` out/ },
    ]);
    expect(fixed(dlqTypeMismatch, inferred)).toContain('queue orders_dead\n');
  });

  test('a wider declared type that accepts the messages is fine', () => {
    const wider = flow.replace('queue orders_dead: { reason: string }', 'queue orders_dead: { id: string }');
    expectDiagnostics(dlqTypeMismatch, wider, []);
  });
});

describe('FL3017: an on-failure target receives the on-failure record', () => {
  test('a DynamoDB stream trigger\'s topic, declared with the item type; the fix drops the type', () => {
    const flow = `app shop
type Device = { id: string, name: string }
table devices: Device { key = id, stream = new }
topic failed: Device
fn sync(Device)
devices -> sync { start = latest, retries = 3, max_age = 1h, on_failure = failed }
`;
    expectDiagnostics(onFailureTypeMismatch, flow, [
      { at: '4:15', message: /`failed` is declared as `Device`, but as the on-failure target of `devices -> sync` it receives the DynamoDB stream on-failure record/ },
    ]);
    const after = fixed(onFailureTypeMismatch, flow);
    expect(after).toContain('topic failed\n');
    expect(codesOf(after)).not.toContain('FL3017');
  });
});

describe('FL5005: a success destination of a function without an output type', () => {
  test('a function nothing triggers may be invoked asynchronously from outside: warned', () => {
    const flow = `app shop
queue done
fn tick
tick -> done
`;
    expectDiagnostics(destinationWithoutOutput, flow, [{ at: '4:1', message: 'the success destination of `tick` gets no result: `tick` declares no output type' }]);
  });

  test('a function only invoked synchronously is FL5001\'s, not this rule\'s', () => {
    const flow = `app shop
type Order = { id: string }
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
queue done
fn charge(Order)
orders -> charge -> done
`;
    expect(codesOf(flow)).toContain('FL5001');
    expect(codesOf(flow)).not.toContain('FL5005');
  });
});

describe('FL5006: asynchronous settings on a function only invoked synchronously', () => {
  test('`max_age` behind a stream names the edge settings; the fix removes it', () => {
    const flow = `app sensors
type Reading = { device: string }
stream readings: Reading
fn ingest(Reading) { max_age = 1h, memory = 256 }
readings -> ingest { start = latest, retries = 3, max_age = 1h }
`;
    expectDiagnostics(asyncSettingsUnused, flow, [
      { at: '4:22', message: '`max_age` never applies: `ingest` is only invoked synchronously', help: /on the trigger edge: `retries`, `max_age` and `on_failure`/ },
    ]);
    expect(fixed(asyncSettingsUnused, flow)).toContain('fn ingest(Reading) { memory = 256 }');
  });

  test('a function with an asynchronous trigger besides the queue keeps them', () => {
    const flow = `app shop
type Order = { id: string }
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
topic placed: Order
fn charge(Order) { retries = 1, max_age = 1h }
orders -> charge
placed -> charge
`;
    expectDiagnostics(asyncSettingsUnused, flow, []);
  });
});
