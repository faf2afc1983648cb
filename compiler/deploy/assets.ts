import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { handlerFile, HandlerPathError } from '../../runtime/manifest/handler-path.js';
import type { FunctionSpec } from '../../runtime/manifest/schema.js';
import { BundleError, bundleFileName, type BundleFiles, bundleHandler } from './bundle.js';
import type { FunctionCode } from './template.js';
import { deterministicZip } from './zip.js';
import type { OnProgress } from './work-progress.js';

/** A function's code, bundled and zipped, under a name that changes exactly when its bytes do. */
export interface FunctionAsset {
  readonly functionName: string;
  /** The template parameter that receives `key`. */
  readonly codeKeyParameter: string;
  /** The S3 key, `<app>/<function>-<hash>.zip`; also its path under `<out>/assets/`. */
  readonly key: string;
  /** SHA-256 of the zip, hex. */
  readonly sha256: string;
  readonly zip: Uint8Array;
}

/** 16 hex digits (64 bits) of the SHA-256: short in a template, collision-free in practice. */
const HASH_LENGTH = 16;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function assetKey(app: string, functionName: string, sha256: string): string {
  return `${app}/${functionName}-${sha256.slice(0, HASH_LENGTH)}.zip`;
}

/**
 * Bundles and zips the handler of every function the templates load from the assets bucket.
 * Handlers are found as `flowc build` finds them (`handlerFile`): inside the .flow file's folder.
 */
export async function buildFunctionAssets(
  app: string,
  functions: readonly FunctionSpec[],
  codes: readonly FunctionCode[],
  flowDir: string,
  onProgress?: OnProgress,
): Promise<FunctionAsset[]> {
  const assets: FunctionAsset[] = [];
  onProgress?.({ task: 'bundling', done: 0, total: codes.length, item: '' });
  for (const code of codes) {
    const spec = functions.find((candidate) => candidate.name === code.flowName);
    if (!spec) throw new BundleError(`the template's function ${code.logicalId} names \`${code.flowName}\`, which the flow does not declare`);
    let entry: string;
    try {
      entry = handlerFile(flowDir, spec.handler);
    } catch (error) {
      if (error instanceof HandlerPathError) throw new BundleError(`fn ${spec.name}: ${error.message}`);
      throw error;
    }
    if (!existsSync(entry)) {
      throw new BundleError(`fn ${spec.name}: its handler ${spec.handler} does not exist; \`flowc build\` creates a stub to fill in`);
    }
    const fileName = bundleFileName(code.handler);
    let bundle: BundleFiles;
    try {
      bundle = await bundleHandler({ entry, workingDir: flowDir, runtime: spec.runtime, fileName });
    } catch (error) {
      if (error instanceof BundleError) throw new BundleError(`fn ${spec.name}: cannot bundle ${spec.handler}:\n${error.message}`);
      throw error;
    }
    const zip = deterministicZip(bundle);
    const sha256 = sha256Hex(zip);
    assets.push({ functionName: spec.name, codeKeyParameter: code.codeKeyParameter, key: assetKey(app, spec.name, sha256), sha256, zip });
    onProgress?.({ task: 'bundling', done: assets.length, total: codes.length, item: `fn ${spec.name}` });
  }
  return assets;
}
