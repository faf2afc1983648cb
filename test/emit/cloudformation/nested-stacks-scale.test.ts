// The scale case of the nested-stack layout, in the slow project (vitest.config.ts): an app of
// 1,200 functions laid out at CloudFormation's real limits.
import { describe, expect, test } from 'vitest';
import { generateFlow } from '../../../bench/generate.js';
import { buildTemplate, cloudFormationLimits, emitCloudFormation } from '../../../compiler/emit/cloudformation/index.js';
import type { Template } from '../../../compiler/emit/cloudformation/template.js';
import { manifestOf } from './helpers/compile.js';
import { expectSoundLayout } from './helpers/sound-layout.js';

describe('nested stacks at scale', () => {
  test('1,200 functions at the real limits: within every limit, and the same resources as one big template', () => {
    const manifest = manifestOf('app.flow', generateFlow(1200));
    const flatCount = Object.keys(buildTemplate(manifest).Resources).length;
    expect(flatCount).toBeGreaterThan(cloudFormationLimits.resources);
    const templates = expectSoundLayout(manifest, cloudFormationLimits);
    expect(templates.size).toBeGreaterThan(flatCount / cloudFormationLimits.resources + 1);
    const files = emitCloudFormation(manifest, { format: 'json' }).files;
    for (const [path, text] of files) expect(Buffer.byteLength(text), path).toBeLessThanOrEqual(cloudFormationLimits.templateBytes);
    const rootTemplate = templates.get('template.json') as Template;
    expect(Object.keys(rootTemplate.Parameters ?? {})).toEqual(['FlowcAssetsBucket']);
    // More outputs than a template may have: the root keeps the first 200, function ARNs by name.
    const outputs = Object.keys(rootTemplate.Outputs ?? {});
    expect(outputs).toHaveLength(cloudFormationLimits.outputs);
    expect(outputs.slice(0, 3)).toEqual(['B0F0FunctionArn', 'B0F1FunctionArn', 'B0F2FunctionArn']);
    expect(outputs.every((name) => name.endsWith('FunctionArn'))).toBe(true);
  });
});
