import { join, resolve } from 'node:path';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { sha256Hex } from '../../deploy/assets.js';
import { DeployError } from '../../deploy/errors.js';
import { assetPath, packageApp, type PackagedApp } from '../../deploy/package.js';
import { compileBytes } from '../../program.js';
import { checkHandlers } from '../handler-check.js';
import { displayPathFor, type Host, HostError } from '../host.js';
import { outputFolderProblem, staleNestedStacks } from '../output-options.js';
import { applyPlan, type Output, type OutputProblem, planOutputs } from '../output-plan.js';
import { progressLine } from '../progress-line.js';
import { readInput } from '../read-input.js';
import { countDiagnostics, plural, printDiagnostics, printOutputProblems, summaryLine } from '../report.js';

/** What `package` and `deploy` ship despite the handler checks (compiler/handlers). */
export interface ShipOptions {
  /** Ship handlers that are still stubs (FL6003 as a warning, not an error). */
  readonly allowStubs?: boolean;
  /** Skip the TypeScript checker over the handlers (`--no-type-check`); by default code that does not type-check is not shipped. */
  readonly skipTypeCheck?: boolean;
  /** `--stage`: names `<app>-<stage>-<name>`. */
  readonly stage?: string;
}

export interface PackageCommandOptions extends ShipOptions {
  readonly outDir: string;
  readonly format: 'yaml' | 'json';
  readonly bucket?: string;
}

/** Exit code of package, deploy and diff when the flow has errors or AWS said no. */
export const EXIT_FAILED = 1;

/** Exit code when the outputs cannot be written (FL9003–FL9007), as for a file that cannot be read. */
const EXIT_OUTPUTS = 2;

/**
 * Compiles a .flow file for packaging or deploying and inspects its handlers, where a stub is
 * an error unless `--allow-stubs`: the manifest, or the exit code after the diagnostics (or
 * the read error) have been printed.
 */
export async function compileForDeploy(host: Host, file: string, consequence: string, options: ShipOptions): Promise<FlowManifest | number> {
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  const result = compileBytes(file, bytes, options.stage !== undefined ? { stage: options.stage } : {});
  const handlers = result.manifest ? await checkHandlers(host, file, result.source, result.manifest, { stubs: options.allowStubs === true ? 'warning' : 'error', types: options.skipTypeCheck !== true, cache: 'update' }) : [];
  const diagnostics = [...result.diagnostics, ...handlers];
  printDiagnostics(host, diagnostics, 'pretty');
  const counts = countDiagnostics(diagnostics);
  if (!result.manifest || counts.errors > 0) {
    host.stderr(`${summaryLine(counts, 1)}; ${consequence}\n`);
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
  const optionProblems = outputFolderProblem('-o', options.outDir);
  if (optionProblems.length > 0) {
    printOutputProblems(host, optionProblems);
    return EXIT_OUTPUTS;
  }
  const manifest = await compileForDeploy(host, file, 'nothing packaged', options);
  if (typeof manifest === 'number') return manifest;
  let packaged;
  const progress = progressLine(host);
  try {
    packaged = await packageApp(manifest, resolve(host.cwd, file), {
      format: options.format,
      onProgress: progress.report,
      ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
    });
  } catch (error) {
    progress.end();
    if (!isUserFacing(error)) throw error;
    host.stderr(`flowc: error: ${error.message}\n`);
    return EXIT_FAILED;
  }

  const show = displayPathFor(host.cwd);
  const planned = packageOutputs(host, file, packaged, options, show);
  const plan = planOutputs(host, planned.outputs, show);
  const problems = [...planned.problems, ...plan.problems];
  if (problems.length > 0) {
    printOutputProblems(host, problems);
    host.stderr(`${plural(problems.length, 'problem')} with the outputs; nothing written\n`);
    return EXIT_OUTPUTS;
  }
  const sizes = new Map(packaged.assets.map((asset) => [resolve(host.cwd, options.outDir, assetPath(asset)), `fn ${asset.functionName}, ${formatSize(asset.zip.byteLength)}`]));
  const failure = applyPlan(host, plan, show, (step) => {
    if (step.kind === 'write') host.stderr(`wrote ${show(step.path)}${sizes.has(step.path) ? ` (${sizes.get(step.path)})` : ''}\n`);
    if (step.kind === 'remove') host.stderr(`removed ${show(step.path)} (of an earlier package)\n`);
  });
  if (failure !== undefined) {
    printOutputProblems(host, [failure]);
    return EXIT_OUTPUTS;
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

/**
 * What `flowc package` writes: the templates, the zips under `assets/<app>/`, and the removal
 * of what earlier runs left there (zips of old code, nested stacks the app no longer has), so
 * the folder holds exactly what this template needs. A zip is flowc's when its bytes hash to
 * its name (`<fn>-<sha256 prefix>.zip`): the content-hash name is its marker.
 */
function packageOutputs(host: Host, file: string, packaged: PackagedApp, options: PackageCommandOptions, show: (path: string) => string): { outputs: Output[]; problems: OutputProblem[] } {
  const problems: OutputProblem[] = [];
  const app = packaged.manifest.app;
  const out = resolve(host.cwd, options.outDir);
  const outputs: Output[] = [{ kind: 'claim', path: resolve(host.cwd, file), flow: file, what: `the input ${file}`, role: 'input' }];
  for (const [path, content] of packaged.templates) {
    const what = path === packaged.rootFile ? `the template of app \`${app}\`` : `the nested stack ${path} of app \`${app}\``;
    outputs.push({ kind: 'generated', path: join(out, path), content, flow: file, what, role: 'template' });
  }
  for (const path of staleNestedStacks(host, out, packaged.templates, options.format)) {
    outputs.push({ kind: 'stale', path, flow: file, what: `a nested stack app \`${app}\` no longer has`, role: 'template' });
  }
  const written = new Set<string>();
  for (const asset of packaged.assets) {
    const path = join(out, assetPath(asset));
    written.add(path);
    outputs.push({ kind: 'generated', path, content: asset.zip, owned: isFlowcAsset, flow: file, what: `the code of fn \`${asset.functionName}\``, role: 'asset' });
  }
  const folder = join(out, 'assets', app);
  if (host.inspect(folder).kind === 'directory') {
    let names: string[];
    try {
      names = host.listFolder(folder);
    } catch (error) {
      if (!(error instanceof HostError)) throw error;
      names = [];
      problems.push({ code: 'FL9004', message: `cannot look into ${show(folder)} for the zips of earlier packages: ${error.message}`, help: 'make the folder readable, or choose another output folder with `-o`' });
    }
    for (const name of names) {
      const path = join(folder, name);
      if (!written.has(path)) outputs.push({ kind: 'stale', path, owned: isFlowcAsset, flow: file, what: `code of an earlier package of app \`${app}\``, role: 'asset' });
    }
  }
  return { outputs, problems };
}

/** Whether the zip at `path` is one flowc wrote: its SHA-256 starts with the hash in its name. */
function isFlowcAsset(host: Host, path: string): boolean {
  const hash = /-([0-9a-f]{16})\.zip$/.exec(path)?.[1];
  const info = host.inspect(path);
  if (hash === undefined || info.kind !== 'file') return false;
  return sha256Hex(host.readFile(path, info.size)).startsWith(hash);
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
