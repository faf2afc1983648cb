import { join, resolve } from 'node:path';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { DeployError } from '../../deploy/errors.js';
import { assetPath, packageApp } from '../../deploy/package.js';
import { compileBytes } from '../../program.js';
import { displayPathFor, type Host } from '../host.js';
import { readInput } from '../read-input.js';
import { countDiagnostics, printDiagnostics, summaryLine } from '../report.js';

export interface PackageCommandOptions {
  readonly outDir: string;
  readonly format: 'yaml' | 'json';
  readonly bucket?: string;
}

/** Exit code of package, deploy and diff when the flow has errors or AWS said no. */
export const EXIT_FAILED = 1;

/**
 * Compiles a .flow file for packaging or deploying: the manifest, or the exit code after the
 * diagnostics (or the read error) have been printed.
 */
export function compileForDeploy(host: Host, file: string, consequence: string): FlowManifest | number {
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  const result = compileBytes(file, bytes);
  printDiagnostics(host, result.diagnostics, 'pretty');
  if (!result.manifest) {
    host.stderr(`${summaryLine(countDiagnostics(result.diagnostics), 1)}; ${consequence}\n`);
    return EXIT_FAILED;
  }
  return result.manifest;
}

/** A DeployError (a BundleError too) is the user's to fix: one message, no stack trace. */
export function isUserFacing(error: unknown): error is DeployError {
  return error instanceof DeployError;
}

/**
 * `flowc package FILE -o DIR`: the templates, with every `<Function>CodeKey` parameter
 * defaulted to its zip's S3 key, and the zips under `DIR/assets/`, laid out as in the bucket.
 */
export async function runPackage(host: Host, file: string, options: PackageCommandOptions): Promise<number> {
  const manifest = compileForDeploy(host, file, 'nothing packaged');
  if (typeof manifest === 'number') return manifest;
  let packaged;
  try {
    packaged = await packageApp(manifest, resolve(host.cwd, file), {
      format: options.format,
      ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
    });
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    host.stderr(`flowc: error: ${error.message}\n`);
    return EXIT_FAILED;
  }

  const show = displayPathFor(host.cwd);
  // Zips of earlier runs would pile up: the folder holds exactly what this template needs.
  host.removeTree(join(options.outDir, 'assets', manifest.app));
  for (const [path, text] of packaged.templates) {
    host.writeFileAtomic(join(options.outDir, path), text);
    host.stderr(`wrote ${show(join(options.outDir, path))}\n`);
  }
  for (const asset of packaged.assets) {
    const path = join(options.outDir, assetPath(asset));
    host.writeFileAtomic(path, asset.zip);
    host.stderr(`wrote ${show(path)} (fn ${asset.functionName}, ${formatSize(asset.zip.byteLength)})\n`);
  }
  const bucket = options.bucket ?? 'BUCKET';
  const template = show(join(options.outDir, packaged.rootFile));
  const bucketParameter = options.bucket === undefined ? ` --parameter-overrides FlowcAssetsBucket=${bucket}` : '';
  // Nested templates are referenced by relative path: `aws cloudformation package` uploads them.
  const deployable = packaged.nestedFiles.size > 0 ? join(options.outDir, 'packaged.yaml') : undefined;
  host.stderr(
    `to deploy: flowc deploy ${file} --stack NAME --bucket ${bucket}\n` +
      `   or: aws s3 sync ${show(join(options.outDir, 'assets'))} s3://${bucket}/\n` +
      (deployable !== undefined
        ? `       aws cloudformation package --template-file ${template} --s3-bucket ${bucket} --output-template-file ${show(deployable)}\n`
        : '') +
      `       aws cloudformation deploy --template-file ${deployable !== undefined ? show(deployable) : template} --stack-name NAME ` +
      `--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND${bucketParameter}\n`,
  );
  return 0;
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
