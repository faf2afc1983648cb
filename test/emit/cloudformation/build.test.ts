import { describe, expect, test } from 'vitest';
import { generateFlow } from '../../../bench/generate.js';
import { main } from '../../../compiler/cli/main.js';
import { MemoryHost } from '../../helpers/memory-host.js';

/** `flowc build` writes what the emitter gives, nested stacks included, and no stale stack files. */

describe('flowc build: templates', () => {
  test('one template for a small app, in the chosen format', async () => {
    const host = new MemoryHost().addFile('app.flow', 'app shop\ntype Job = { id: string }\nqueue jobs: Job\nfn work(Job)\njobs -> work\n');
    expect(await main(['build', 'app.flow', '-o', 'out', '--format', 'json', '--no-types'], host)).toBe(0);
    const template = JSON.parse(host.text('out/template.json') as string);
    expect(Object.keys(template.Resources)).toEqual(['JobsQueue', 'WorkFunctionRole', 'WorkFunctionLogGroup', 'WorkFunction', 'JobsToWorkMapping']);
    expect(Object.keys(template.Outputs)).toEqual(['WorkFunctionArn', 'JobsQueueUrl']);
    expect(host.err).toBe('template: out/template.json (5 resources)\nno problems\n');
  });

  test('a large app gets nested stacks beside the root; a later, smaller build removes the stacks it no longer has', async () => {
    const host = new MemoryHost().addFile('app.flow', generateFlow(200));
    expect(await main(['build', 'app.flow', '-o', 'out', '--no-types'], host)).toBe(0);
    const stacks = [...host.files.keys()].filter((p) => p.startsWith('/work/out/stacks/')).sort();
    expect(stacks.length).toBeGreaterThan(1);
    expect(stacks[0]).toBe('/work/out/stacks/stack1.yaml');
    expect(host.text('out/template.yaml')).toContain('TemplateURL: stacks/stack1.yaml');
    // One line for all of it: the resources of every stack, and how many stacks (the root counts).
    const line = /^template: out\/template\.yaml \(([\d,]+) resources in (\d+) stacks\)$/m.exec(host.err);
    expect(Number(line?.[2])).toBe(stacks.length + 1);
    expect(Number(line?.[1]?.replaceAll(',', ''))).toBeGreaterThan(1000);
    expect(host.err).not.toContain('stack1.yaml');
    host.addFile('out/stacks/notes.md', 'mine');

    host.addFile('app.flow', generateFlow(10));
    expect(await main(['build', 'app.flow', '-o', 'out', '--no-types'], host)).toBe(0);
    expect([...host.files.keys()].filter((p) => p.startsWith('/work/out/'))).toEqual(expect.arrayContaining(['/work/out/template.yaml', '/work/out/stacks/notes.md']));
    expect([...host.files.keys()].filter((p) => /stack\d+\.yaml$/.test(p))).toEqual([]);
  });
});
