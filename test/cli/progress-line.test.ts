// Long work shows progress on a terminal and stays line-based without one (issue 16 §5).
import { mockClient } from 'aws-sdk-client-mock';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, test } from 'vitest';
import { progressLine } from '../../compiler/cli/progress-line.js';
import { packageEmitted } from '../../compiler/deploy/package.js';
import { uploadMissing } from '../../compiler/deploy/upload.js';
import type { WorkStep } from '../../compiler/deploy/work-progress.js';
import { instantClock, ROOT_TEMPLATE, writeFlow } from '../deploy/helpers.js';
import { MemoryHost } from '../helpers/memory-host.js';

const CLEAR = '\r\u001b[2K';
const steps: WorkStep[] = [
  { task: 'bundling', done: 0, total: 2, item: '' },
  { task: 'bundling', done: 1, total: 2, item: 'fn charge' },
  { task: 'bundling', done: 2, total: 2, item: 'fn email' },
];

describe('the progress line', () => {
  test('without a terminal: nothing, so a log keeps the summary lines and an error stays one line', () => {
    const host = new MemoryHost();
    const progress = progressLine(host);
    for (const step of steps) progress.report(step);
    progress.end();
    expect(host.err).toBe('');
  });

  test('on a terminal: one line redrawn per item, erased when the task ends', () => {
    const host = Object.assign(new MemoryHost(), { stderrIsTTY: true });
    const progress = progressLine(host);
    for (const step of steps) progress.report(step);
    expect(host.err).toBe(`${CLEAR}bundling 0/2${CLEAR}bundling 1/2: fn charge${CLEAR}`);
    expect(host.err).not.toContain('\n');
  });

  test('on a terminal, end() erases a line left by work that failed half way, once', () => {
    const host = Object.assign(new MemoryHost(), { stderrIsTTY: true });
    const progress = progressLine(host);
    progress.report(steps[0]!);
    progress.report(steps[1]!);
    progress.end();
    progress.end();
    expect(host.err.endsWith(`fn charge${CLEAR}`)).toBe(true);
  });

  test('TERM=dumb is no terminal: it cannot erase a line', () => {
    const host = Object.assign(new MemoryHost(), { stderrIsTTY: true, env: { TERM: 'dumb' } });
    const progress = progressLine(host);
    for (const step of steps) progress.report(step);
    expect(host.err).toBe('');
  });
});

describe('package and deploy report their long work', () => {
  test('bundling reports the start and each function', async () => {
    const flow = writeFlow();
    const seen: WorkStep[] = [];
    await packageEmitted(flow.manifest, flow.flowFile, { files: new Map([['template.yaml', ROOT_TEMPLATE]]), rootFile: 'template.yaml' }, { onProgress: (step) => seen.push(step) });
    expect(seen).toEqual([
      { task: 'bundling', done: 0, total: 1, item: '' },
      { task: 'bundling', done: 1, total: 1, item: 'fn work' },
    ]);
  });

  test('uploading reports every object, the ones S3 already has too', async () => {
    const s3 = mockClient(S3Client);
    s3.on(HeadObjectCommand, { Key: 'app/a.zip' }).resolves({});
    s3.on(HeadObjectCommand, { Key: 'app/b.zip' }).rejects(Object.assign(new Error('Not Found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    s3.on(PutObjectCommand).resolves({});
    const seen: WorkStep[] = [];
    const objects = ['app/a.zip', 'app/b.zip'].map((key) => ({ key, body: new Uint8Array([1]), contentType: 'application/zip' }));
    const result = await uploadMissing(new S3Client({ region: 'eu-west-1' }), { bucket: 'b', account: '123456789012' }, objects, instantClock(), (step) => seen.push(step));
    expect(result).toEqual({ uploaded: ['app/b.zip'], unchanged: ['app/a.zip'] });
    expect(seen.map((step) => `${step.done}/${step.total} ${step.item}`)).toEqual(['0/2 ', '1/2 app/a.zip', '2/2 app/b.zip']);
    s3.restore();
  });
});
