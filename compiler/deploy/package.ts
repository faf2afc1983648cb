import { dirname } from 'node:path';
import type { FlowManifest } from '../../runtime/manifest/schema.js';
import { type CloudFormationOutput, emitCloudFormation } from '../emit/cloudformation/index.js';
import { buildFunctionAssets, type FunctionAsset } from './assets.js';
import { DeployError } from './errors.js';
import { ASSETS_BUCKET_PARAMETER, type CfnTemplate, type FunctionCode, functionsWithCode, nestedStacks, parseTemplate, withValues } from './template.js';
import type { OnProgress } from './work-progress.js';

/** A flow ready to deploy: its templates and the zips of its functions' code. */
export interface PackagedApp {
  readonly manifest: FlowManifest;
  readonly rootFile: string;
  /** Every template by path relative to the output folder, the root with its parameters defaulted. */
  readonly templates: ReadonlyMap<string, string>;
  /** The same templates, parsed. */
  readonly parsed: ReadonlyMap<string, CfnTemplate>;
  /** Nested stack logical id (of the root template) → its template's path in `templates`. */
  readonly nestedFiles: ReadonlyMap<string, string>;
  readonly assets: readonly FunctionAsset[];
  /**
   * The root's parameters flowc fills (also written as their defaults): the S3 key of each
   * function in the root template, and the bucket when known. Functions of nested templates get
   * their keys through the root's stack resources instead.
   */
  readonly parameters: ReadonlyMap<string, string>;
}

export interface PackageOptions {
  readonly format: 'yaml' | 'json';
  /** When given, becomes the default of `FlowcAssetsBucket` too. */
  readonly bucket?: string;
  /** Told after each handler is bundled. */
  readonly onProgress?: OnProgress;
}

/**
 * Emits the templates and bundles every handler. The root template gets `Default`s for the
 * parameters flowc owns, so `out/template.yaml` deploys with nothing but the bucket name
 * (`FlowcAssetsBucket`, defaulted too with `--bucket`) once `out/assets/` is in that bucket.
 */
export async function packageApp(manifest: FlowManifest, flowFile: string, options: PackageOptions): Promise<PackagedApp> {
  return packageEmitted(manifest, flowFile, emitCloudFormation(manifest, { format: options.format }), options);
}

/** `packageApp` from templates already emitted. */
export async function packageEmitted(
  manifest: FlowManifest,
  flowFile: string,
  emitted: CloudFormationOutput,
  options: Omit<PackageOptions, 'format'>,
): Promise<PackagedApp> {
  const parsed = new Map<string, CfnTemplate>();
  for (const [path, text] of emitted.files) {
    if (/\.(ya?ml|json)$/.test(path)) parsed.set(path, parseTemplate(text, path));
  }
  const root = parsed.get(emitted.rootFile);
  if (!root) throw new DeployError(`the emitter wrote no root template ${emitted.rootFile}`);

  const nestedFiles = new Map<string, string>();
  for (const nested of nestedStacks(root)) {
    if (typeof nested.templateUrl === 'string' && parsed.has(nested.templateUrl)) nestedFiles.set(nested.logicalId, nested.templateUrl);
  }

  // Where each function's code key goes: a parameter of the root (one template), or a
  // parameter the root's stack resource passes to the nested template of the function (the
  // emitter does not make them root parameters: a root takes at most 200 parameters).
  const stackOfFile = new Map([...nestedFiles].map(([logicalId, file]) => [file, logicalId]));
  const declared = root.Parameters ?? {};
  const placed: { code: FunctionCode; stack: string | undefined }[] = [];
  for (const [file, template] of parsed) {
    for (const code of functionsWithCode(template)) {
      const stack = file === emitted.rootFile ? undefined : stackOfFile.get(file);
      const holder = file === emitted.rootFile ? declared : template.Parameters ?? {};
      if (file !== emitted.rootFile && stack === undefined) {
        throw new DeployError(`${file} holds fn ${code.flowName}, but no stack of the root template uses it`);
      }
      if (!(code.codeKeyParameter in holder)) {
        throw new DeployError(`the template ${file} does not declare parameter ${code.codeKeyParameter} (code of fn ${code.flowName})`);
      }
      placed.push({ code, stack });
    }
  }
  if (placed.length > 0 && !(ASSETS_BUCKET_PARAMETER in declared)) {
    throw new DeployError(`the template does not declare parameter ${ASSETS_BUCKET_PARAMETER}`);
  }

  const assets = await buildFunctionAssets(
    manifest.app,
    manifest.functions,
    placed.map(({ code }) => code),
    dirname(flowFile),
    options.onProgress,
  );
  const parameters = new Map<string, string>();
  const edits: { path: string[]; value: string }[] = [];
  placed.forEach(({ stack }, index) => {
    const asset = assets[index] as FunctionAsset;
    if (stack === undefined) parameters.set(asset.codeKeyParameter, asset.key);
    else edits.push({ path: ['Resources', stack, 'Properties', 'Parameters', asset.codeKeyParameter], value: asset.key });
  });
  if (options.bucket !== undefined && ASSETS_BUCKET_PARAMETER in declared) parameters.set(ASSETS_BUCKET_PARAMETER, options.bucket);
  for (const [name, value] of parameters) edits.push({ path: ['Parameters', name, 'Default'], value });

  const templates = new Map(emitted.files);
  const rootText = withValues(emitted.files.get(emitted.rootFile) as string, edits);
  templates.set(emitted.rootFile, rootText);
  parsed.set(emitted.rootFile, parseTemplate(rootText, emitted.rootFile));
  return { manifest, rootFile: emitted.rootFile, templates, parsed, nestedFiles, assets, parameters };
}

/** Where `flowc package` writes each asset: `assets/<S3 key>`, so the folder mirrors the bucket. */
export function assetPath(asset: FunctionAsset): string {
  return `assets/${asset.key}`;
}
