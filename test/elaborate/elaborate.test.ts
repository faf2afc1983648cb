import { describe, expect, test } from 'vitest';
import { lambda, sqs } from '../../runtime/aws/limits.js';
import { elaborate } from '../../compiler/elaborate/elaborate.js';
import type { EdgeModel, FunctionModel, QueueModel } from '../../compiler/elaborate/model.js';
import { checkText } from '../../compiler/program.js';

function modelOf(text: string) {
  const result = checkText('app.flow', text);
  if (!result.program) throw new Error('no program');
  return { model: elaborate(result.program), text, diagnostics: result.diagnostics };
}

const source = `app shop { memory = 512 }
type Job = { id: string }
queue jobs: Job { visibility = 2m, fifo = true }
fn work(Job) { timeout = 10s }
jobs -> work { batch = 5 }
`;

describe('elaborate', () => {
  test('every field holds its effective value: written, inherited from the app, or the default', () => {
    const { model } = modelOf(source);
    const queue = model.declarations.get('jobs') as QueueModel;
    expect(queue.visibilityTimeoutSeconds).toBe(120);
    expect(queue.messageRetentionSeconds).toBe(sqs.messageRetentionSecondsDefault);
    expect(queue.fifo).toBe(true);
    expect(queue.deadLetterQueue).toBeNull();
    const fn = model.declarations.get('work') as FunctionModel;
    expect(fn.timeoutSeconds).toBe(10);
    expect(fn.memoryMb).toBe(512);
    expect(fn.asyncRetryAttempts).toBe(lambda.asyncRetryAttemptsDefault);
    expect(fn.handlerPath).toBe('handlers/work.ts');
    const edge = model.edges[0] as EdgeModel;
    expect(edge.batchSize).toBe(5);
    expect(edge.batchingWindowSeconds).toBe(0);
  });

  test('a default can depend on the kind of edge', () => {
    const { model } = modelOf(`app shop
type R = { id: string }
stream s: R { partition = id }
queue q: R
fn a(R) {}
fn b(R) {}
s -> a { start = latest }
q -> b
`);
    const [stream, queue] = model.edges as [EdgeModel, EdgeModel];
    expect(stream.batchSize).toBe(100);
    expect(stream.retryAttempts).toBe(-1);
    expect(queue.batchSize).toBe(10);
    expect(queue.retryAttempts).toBeNull();
  });

  test('provenance: the span a value was written at, the app setting it inherits, or "default"', () => {
    const { model, text } = modelOf(source);
    const queue = model.declarations.get('jobs') as QueueModel;
    const at = model.provenance.spanOf(queue, 'visibilityTimeoutSeconds');
    expect(at === 'default' ? at : text.slice(at.start, at.end)).toBe('visibility = 2m');
    expect(model.provenance.spanOf(queue, 'messageRetentionSeconds')).toBe('default');
    const fn = model.declarations.get('work') as FunctionModel;
    expect(model.provenance.originOf(fn, 'memoryMb').kind).toBe('app');
    expect(model.provenance.writtenOf(fn, 'memoryMb')).toBeUndefined();
    const inherited = model.provenance.spanOf(fn, 'memoryMb');
    expect(inherited === 'default' ? inherited : text.slice(inherited.start, inherited.end)).toBe('memory = 512');
  });

  test('a malformed value is a poisoned field: its default, and reading it is noticed', () => {
    const { model, diagnostics } = modelOf(`app shop
type Job = { id: string }
queue jobs: Job { fifo = yes, visibility = 1500ms }
`);
    expect(diagnostics.map((d) => d.code)).toEqual(['FL2010', 'FL4003']);
    const queue = model.declarations.get('jobs') as QueueModel;
    model.poison.touched = false;
    expect(queue.messageRetentionSeconds).toBe(sqs.messageRetentionSecondsDefault);
    expect(model.poison.touched).toBe(false);
    expect(queue.fifo).toBe(false);
    expect(model.poison.touched).toBe(true);
    model.poison.touched = false;
    // A duration that does not divide into its unit (FL4003) is poisoned too.
    expect(model.provenance.isPoisoned(queue, 'visibilityTimeoutSeconds')).toBe(true);
    expect(model.poison.touched).toBe(true);
  });
});

describe('a duration that does not divide (FL4003) is its one diagnostic', () => {
  const codes = (text: string) => checkText('app.flow', text).diagnostics.map((d) => d.code);

  test('no visibility warning from the default 30s the poisoned visibility holds', () => {
    expect(codes(`app t
type J = { id: string }
queue jobs: J { visibility = 1500ms }
fn work(J) { timeout = 10s }
jobs -> work
`)).toEqual(['FL4003']);
  });

  test('no dead-letter retention warning from the default 4 days the poisoned retention holds', () => {
    expect(codes(`app t
type J = { id: string }
queue jobs: J { dlq = dead, max_receives = 5, retention = 1500ms, visibility = 1m }
queue dead: J { retention = 1h }
fn work(J) { timeout = 10s }
jobs -> work
`)).toEqual(['FL4003']);
  });

  test('a window on a FIFO trigger is refused whatever its value: FL4008 is a mistake of its own', () => {
    expect(codes(`app t
type J = { id: string }
queue jobs: J { fifo = true, group = id, dedupe = content }
fn work(J)
jobs -> work { window = 1500ms }
`).sort()).toEqual(['FL4003', 'FL4008']);
  });
});
