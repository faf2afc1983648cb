// examples/stages: one app, two stages. The template of each stage is a reviewed golden file
// (the one without a stage is test/golden/examples/stages/template.yaml, with the other
// examples'), valid against the CloudFormation spec and AWS's bounds like every template.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildTemplate, emitCloudFormation } from '../../compiler/emit/cloudformation/index.js';
import { compileText } from '../../compiler/program.js';
import { simulate } from '../../compiler/testing.js';
import { boundProblems } from '../emit/cloudformation/helpers/bounds.js';
import { specProblems } from '../emit/cloudformation/helpers/spec.js';

const root = new URL('../../', import.meta.url).pathname;
const path = 'examples/stages/stages.flow';
const text = readFileSync(join(root, path), 'utf8');

describe('examples/stages', () => {
  for (const stage of ['dev', 'prod']) {
    test(`--stage ${stage}: the golden template, valid against the spec`, async () => {
      const { manifest, diagnostics } = compileText(path, text, { stage });
      expect(diagnostics).toEqual([]);
      const yaml = emitCloudFormation(manifest!, { format: 'yaml' }).files.get('template.yaml')!;
      await expect(yaml).toMatchFileSnapshot(join(root, 'test/golden/examples/stages', `template-${stage}.yaml`));
      const template = buildTemplate(manifest!);
      expect(specProblems(template)).toEqual([]);
      expect(boundProblems(template)).toEqual([]);
    });
  }

  test('prod deploys where its block says, and differs from dev only where the block says', () => {
    const dev = compileText(path, text, { stage: 'dev' }).manifest!;
    const prod = compileText(path, text, { stage: 'prod' }).manifest!;
    expect(dev.deploy).toBeUndefined();
    expect(prod.deploy).toEqual({ region: 'eu-west-1', account: '123456789012', bucket: 'orders-prod-assets' });
    const fn = (m: typeof dev, name: string) => m.functions.find((f) => f.name === name)!;
    expect([fn(dev, 'charge').memoryMb, fn(dev, 'email').memoryMb, fn(prod, 'charge').memoryMb, fn(prod, 'email').memoryMb]).toEqual([256, 256, 2048, 1024]);
    expect([fn(dev, 'charge').reservedConcurrency, fn(prod, 'charge').reservedConcurrency]).toEqual([null, 50]);
  });
});

describe('simulate() with a stage', () => {
  test('runs the stage\'s settings: prod retries charge once, dev twice', async () => {
    const attempts: Record<string, number> = {};
    for (const stage of ['dev', 'prod']) {
      const sim = await simulate('examples/stages/stages.flow', { stage });
      try {
        sim.publish('placed', { id: 'o2', customer: 'bob', total: 0 });
        await sim.advance('10m');
        attempts[stage] = sim.invocations('charge').length;
      } finally {
        sim.dispose();
      }
    }
    expect(attempts).toEqual({ dev: 3, prod: 2 });
  });
});
