import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { BundleError, bundleHandler, esbuildTarget } from '../../compiler/deploy/bundle.js';
import { parseTemplate } from '../../compiler/deploy/template.js';
import { deterministicZip } from '../../compiler/deploy/zip.js';
import { packageEmitted } from '../../compiler/deploy/package.js';
import { cloudFormationLimits, emitCloudFormation } from '../../compiler/emit/cloudformation/index.js';
import { compileText } from '../../compiler/program.js';
import { HANDLER, packageWith, ROOT_TEMPLATE, writeFlow } from './helpers.js';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('deterministic zips', () => {
  test('the same files give the same bytes, whatever order they come in', () => {
    const a = new TextEncoder().encode('a');
    const b = new TextEncoder().encode('b');
    const zip = deterministicZip(new Map([['b.mjs', b], ['a.mjs', a]]));
    expect(deterministicZip(new Map([['a.mjs', a], ['b.mjs', b]]))).toEqual(zip);
    expect(Object.keys(unzipSync(zip))).toEqual(['a.mjs', 'b.mjs']);
    expect(text(unzipSync(zip)['b.mjs'])).toBe('b');
  });

  test('entries carry a fixed date (1980-01-01 00:00) and rw-r--r-- Unix permissions', () => {
    const zip = deterministicZip(new Map([['index.mjs', new TextEncoder().encode('x')]]));
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // Local file header: DOS time at 10, DOS date at 12 (day 1, month 1, year 1980 + 0).
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe((1 << 5) | 1);
    // Central directory header: "made by" OS in the high byte at 4, external attributes at 38.
    const central = zip.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
    expect(view.getUint8(central + 5)).toBe(3);
    expect(view.getUint32(central + 38, true) >>> 16).toBe(0o100644);
  });
});

describe('bundling a handler', () => {
  test('the esbuild target follows the Lambda runtime', () => {
    expect(esbuildTarget('nodejs24.x')).toBe('node24');
    expect(esbuildTarget('nodejs22.x')).toBe('node22');
    expect(() => esbuildTarget('python3.13')).toThrow('runtime `python3.13` is not a Node.js runtime flowc can bundle for');
  });

  test('one ES module: local imports inlined, @aws-sdk left to the runtime, paths relative to the flow', async () => {
    const { dir } = writeFlow(
      "import { SQSClient } from '@aws-sdk/client-sqs';\nimport { double } from './lib.js';\nconst client = new SQSClient({});\nconst ready = await Promise.resolve(true);\nexport const handler = async (n: number) => ({ value: double(n), ready, client: typeof client });\n",
    );
    writeFileSync(join(dir, 'handlers', 'lib.ts'), 'export const double = (n: number): number => n * 2;\n');
    const output = text((await bundleHandler({ entry: 'handlers/work.ts', workingDir: dir, runtime: 'nodejs24.x', fileName: 'index.mjs' })).get('index.mjs'));
    expect(output).toContain('import { SQSClient } from "@aws-sdk/client-sqs";');
    expect(output).toContain('var double = (n) => n * 2;');
    expect(output).toContain('await Promise.resolve(true)');
    expect(output).toMatch(/export \{\n\s+handler\n\};/);
    expect(output).toContain('// handlers/lib.ts');
    expect(output).not.toContain(dir);
  });

  test('a bundle of an example keeps only its own function\'s helper, and no path of the checkout', async () => {
    const shop = new URL('../../examples/shop/', import.meta.url).pathname;
    const checkout = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
    const bundle = async (fn: string) => text((await bundleHandler({ entry: `handlers/${fn}.ts`, workingDir: shop, runtime: 'nodejs24.x', fileName: 'index.mjs' })).get('index.mjs'));
    const helpers = ['sqsTrigger', 'snsTrigger', 'kinesisTrigger', 'dynamodbTrigger', 'busTrigger'];
    const used = (output: string) => helpers.filter((helper) => output.includes(`function ${helper}(`));
    const payout = await bundle('payout');
    const charge = await bundle('charge');
    // The generated module builds every function's helper; marked pure, the others' are dropped.
    expect(used(payout)).toEqual(['sqsTrigger']);
    expect(used(charge)).toEqual(['snsTrigger']);
    expect(payout).not.toContain('var charge =');
    for (const output of [payout, charge]) expect(output).not.toContain(checkout);
  });

  test('a function that also sends keeps only its own helper: its parts are joined by a call a bundler can drop, not by a spread', async () => {
    const telemetry = new URL('../../examples/telemetry/', import.meta.url).pathname;
    const helpers = ['sqsTrigger', 'snsTrigger', 'kinesisTrigger', 'dynamodbTrigger', 'busTrigger'];
    const used = async (fn: string) => {
      const output = text((await bundleHandler({ entry: `handlers/${fn}.ts`, workingDir: telemetry, runtime: 'nodejs24.x', fileName: 'index.mjs' })).get('index.mjs'));
      return helpers.filter((helper) => output.includes(`function ${helper}(`));
    };
    expect(await used('escalate')).toEqual(['busTrigger']);
    expect(await used('watch')).toEqual(['dynamodbTrigger']);
  });

  test('a linked source map beside the module: positions only, sources relative to the flow, no path of the build folder in either file', async () => {
    const { dir } = writeFlow("import { double } from './lib.js';\nexport const handler = async (n: number) => double(n);\n");
    writeFileSync(join(dir, 'handlers', 'lib.ts'), 'export const double = (n: number): number => n * 2;\n');
    const files = await bundleHandler({ entry: 'handlers/work.ts', workingDir: dir, runtime: 'nodejs24.x', fileName: 'src/app.mjs' });
    expect([...files.keys()]).toEqual(['src/app.mjs', 'src/app.mjs.map']);
    expect(text(files.get('src/app.mjs')).trimEnd().split('\n').at(-1)).toBe('//# sourceMappingURL=app.mjs.map');
    const map = JSON.parse(text(files.get('src/app.mjs.map'))) as { sources: string[]; sourcesContent?: unknown };
    // Relative to the map's own folder (src/), as the source map format resolves them.
    expect(map.sources).toEqual(['../handlers/lib.ts', '../handlers/work.ts']);
    expect(map.sourcesContent).toBeUndefined();
    // The temp folder under both spellings (macOS links /var to /private/var).
    for (const bytes of files.values()) for (const path of [dir, realpathSync(dir)]) expect(text(bytes)).not.toContain(path);
  });

  test('with --enable-source-maps (every function\'s NODE_OPTIONS), a stack trace points at the handler\'s TypeScript line', async () => {
    const handler = [
      'interface Order { readonly id: string }',
      '',
      'export const handler = async (order: Order): Promise<never> => {',
      '  throw new Error(`no stock for ${order.id}`);',
      '};',
      '',
    ].join('\n');
    const { dir } = writeFlow(handler);
    const files = await bundleHandler({ entry: 'handlers/work.ts', workingDir: dir, runtime: 'nodejs24.x', fileName: 'index.mjs' });
    // Unpacked elsewhere, as Lambda does into /var/task.
    const task = mkdtempSync(join(tmpdir(), 'flowc-task-'));
    for (const [name, bytes] of files) writeFileSync(join(task, name), bytes);
    const run = (flags: string[]) =>
      spawnSync(process.execPath, [...flags, '--input-type=module', '-e', "const m = await import('./index.mjs'); await m.handler({ id: 'o-1' });"], { cwd: task, encoding: 'utf8' }).stderr;
    expect(run(['--enable-source-maps'])).toMatch(/handlers\/work\.ts:4:9/);
    expect(run([])).not.toContain('work.ts');
    rmSync(task, { recursive: true });
  });

  test('a handler that does not compile is one BundleError with file:line', async () => {
    const { dir } = writeFlow('export const handler = async ( => 1;\n');
    const bundling = bundleHandler({ entry: 'handlers/work.ts', workingDir: dir, runtime: 'nodejs24.x', fileName: 'index.mjs' });
    await expect(bundling).rejects.toBeInstanceOf(BundleError);
    await expect(bundling).rejects.toThrow(/^handlers\/work\.ts:1:\d+: /);
  });
});

describe('handler paths in packaging', () => {
  test('a manifest whose handler leaves the flow folder bundles nothing: the same resolution as `flowc build` refuses it', async () => {
    // A JSON file outside the project, which `package` used to bundle when the manifest said `../secret.json`.
    const flow = writeFlow();
    const secret = join(flow.dir, '..', `${basename(flow.dir)}-secret.json`);
    writeFileSync(secret, '{"key":"value"}');
    try {
      for (const handler of [`../${basename(secret)}`, secret]) {
        const manifest = { ...flow.manifest, functions: flow.manifest.functions.map((fn) => ({ ...fn, handler })) };
        await expect(packageWith({ ...flow, manifest })).rejects.toThrow(/^fn work: the handler path .* is not a file inside the folder of the \.flow file/);
      }
    } finally {
      rmSync(secret);
    }
  });
});

describe('packaging', () => {
  test('each function becomes <app>/<fn>-<hash>.zip holding index.mjs, and the root template defaults its code key to it', async () => {
    const packaged = await packageWith(writeFlow());
    expect(packaged.assets).toHaveLength(1);
    const asset = packaged.assets[0];
    expect(asset?.key).toMatch(/^shop\/work-[0-9a-f]{16}\.zip$/);
    expect(asset?.key).toContain(asset?.sha256.slice(0, 16));
    expect(Object.keys(unzipSync(asset?.zip ?? new Uint8Array()))).toEqual(['index.mjs', 'index.mjs.map']);
    expect([...packaged.parameters]).toEqual([['WorkFunctionCodeKey', asset?.key]]);
    const root = parseTemplate(packaged.templates.get('template.yaml') ?? '', 'root');
    expect(root.Parameters?.['WorkFunctionCodeKey']).toEqual({ Type: 'String', Default: asset?.key });
    expect(root.Parameters?.['FlowcAssetsBucket']).toEqual({ Type: 'String' });
  });

  test('the hash depends on the code only: the same handler elsewhere gives the same key, another handler another key', async () => {
    const first = await packageWith(writeFlow());
    const again = await packageWith(writeFlow());
    const changed = await packageWith(writeFlow(HANDLER.replace('seen', 'count')));
    expect(again.assets[0]?.key).toBe(first.assets[0]?.key);
    expect(again.assets[0]?.zip).toEqual(first.assets[0]?.zip);
    expect(changed.assets[0]?.key).not.toBe(first.assets[0]?.key);
  });

  test('with a bucket, FlowcAssetsBucket is defaulted too', async () => {
    const flow = writeFlow();
    const packaged = await packageEmitted(flow.manifest, flow.flowFile, { files: new Map([['template.yaml', ROOT_TEMPLATE]]), rootFile: 'template.yaml' }, { bucket: 'my-bucket' });
    expect(parseTemplate(packaged.templates.get('template.yaml') ?? '', 'root').Parameters?.['FlowcAssetsBucket']?.Default).toBe('my-bucket');
  });

  test('a missing handler is named, with the way to create it', async () => {
    const flow = writeFlow();
    mkdirSync(join(flow.dir, 'elsewhere'));
    const moved = { ...flow, flowFile: join(flow.dir, 'elsewhere', 'app.flow') };
    await expect(packageWith(moved)).rejects.toThrow('fn work: its handler handlers/work.ts does not exist; `flowc build` creates a stub to fill in');
  });

  test('a template without the code key parameter is refused', async () => {
    const flow = writeFlow();
    const broken = ROOT_TEMPLATE.replace('  WorkFunctionCodeKey:\n    Type: String\n', '');
    await expect(packageWith(flow, { 'template.yaml': broken })).rejects.toThrow(
      'the template template.yaml does not declare parameter WorkFunctionCodeKey (code of fn work)',
    );
  });
});

describe('packaging the emitter\'s nested-stack layout', () => {
  test('each function\'s code key is passed by the root\'s stack resource of the template that holds it', async () => {
    const flowFile = fileURLToPath(new URL('../../examples/shop/shop.flow', import.meta.url));
    const manifest = compileText(flowFile, readFileSync(flowFile, 'utf8')).manifest;
    if (!manifest) throw new Error('examples/shop does not compile');
    const emitted = emitCloudFormation(manifest, { format: 'yaml', limits: { ...cloudFormationLimits, resources: 12 } });
    expect(emitted.files.size).toBeGreaterThan(2);
    const packaged = await packageEmitted(manifest, flowFile, emitted, {});

    const root = parseTemplate(packaged.templates.get('template.yaml') ?? '', 'root');
    expect(Object.keys(root.Parameters ?? {})).toEqual(['FlowcAssetsBucket']);
    expect([...packaged.parameters]).toEqual([]);
    const passed = new Map<string, unknown>();
    for (const [stackId, file] of packaged.nestedFiles) {
      const nested = parseTemplate(packaged.templates.get(file) ?? '', file);
      const given = (root.Resources?.[stackId]?.Properties?.['Parameters'] ?? {}) as Record<string, unknown>;
      // Every parameter of the nested template is given, code keys included.
      expect(Object.keys(given).sort()).toEqual(Object.keys(nested.Parameters ?? {}).sort());
      for (const [name, value] of Object.entries(given)) if (name.endsWith('CodeKey')) passed.set(name, value);
    }
    expect(passed).toEqual(new Map(packaged.assets.map((asset) => [asset.codeKeyParameter, asset.key])));
    expect(packaged.assets).toHaveLength(6);
  });
});

describe('templates in JSON', () => {
  test('code keys are written as defaults in JSON too, the rest kept', async () => {
    const flow = writeFlow();
    const json = `${JSON.stringify(parseTemplate(ROOT_TEMPLATE, 'root'), null, 2)}\n`;
    const packaged = await packageEmitted(flow.manifest, flow.flowFile, { files: new Map([['template.json', json]]), rootFile: 'template.json' }, {});
    const written = JSON.parse(packaged.templates.get('template.json') ?? '') as ReturnType<typeof parseTemplate>;
    expect(written.Parameters?.['WorkFunctionCodeKey']).toEqual({ Type: 'String', Default: packaged.assets[0]?.key });
    expect(written.Resources).toEqual(parseTemplate(ROOT_TEMPLATE, 'root').Resources);
  });
});
