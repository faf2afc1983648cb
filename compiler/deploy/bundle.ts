import { build, type Message } from 'esbuild';
import { DeployError } from './errors.js';

/**
 * The esbuild target for a Lambda runtime: `nodejs24.x` → `node24`. The bundle may then use
 * every syntax that runtime supports and nothing newer.
 */
export function esbuildTarget(runtime: string): string {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!match) throw new BundleError(`runtime \`${runtime}\` is not a Node.js runtime flowc can bundle for`);
  return `node${match[1]}`;
}

/** The handler could not be bundled: a DeployError, reported the same way. */
export class BundleError extends DeployError {}

export interface BundleRequest {
  /** The handler source, absolute or relative to `workingDir`. */
  readonly entry: string;
  /** The .flow file's folder: paths in the bundle are relative to it, so it does not depend on the checkout's location. */
  readonly workingDir: string;
  readonly runtime: string;
  /** The file name inside the zip, from the function's `Handler` (`index.handler` → `index.mjs`). */
  readonly fileName: string;
}

/** The files of one bundle: the module (`fileName`) and its source map (`<fileName>.map`). */
export type BundleFiles = ReadonlyMap<string, Uint8Array>;

/**
 * Bundles one handler into a single ES module, with its source map beside it.
 *
 * ESM, not CommonJS: handlers are written as ES modules and may use top-level `await` for
 * their set-up, which only ESM allows; Lambda's Node.js runtimes load `.mjs` natively. A
 * `require` made with `createRequire` lets bundled CommonJS dependencies still load Node's
 * built-in modules. `@aws-sdk/*` stays external: the runtime provides SDK v3, and bundling it
 * would only add megabytes.
 *
 * The source map is a file of its own (`index.mjs.map`, linked by the module's last line), read
 * only when a stack trace needs it: every function's environment has
 * `NODE_OPTIONS=--enable-source-maps` (runtime/manifest/env.ts). It maps positions only
 * (`sourcesContent: false`): a stack trace needs no source text, and the zip stays small. Its
 * paths, like the bundle's comments, are relative to the .flow file's folder.
 */
export async function bundleHandler(request: BundleRequest): Promise<BundleFiles> {
  let result;
  try {
    result = await build({
      entryPoints: [request.entry],
      absWorkingDir: request.workingDir,
      bundle: true,
      write: false,
      outfile: request.fileName,
      platform: 'node',
      format: 'esm',
      target: esbuildTarget(request.runtime),
      external: ['@aws-sdk/*'],
      banner: { js: "import { createRequire as __flowcCreateRequire } from 'node:module'; const require = __flowcCreateRequire(import.meta.url);" },
      legalComments: 'none',
      logLevel: 'silent',
      charset: 'utf8',
      sourcemap: 'linked',
      sourcesContent: false,
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (errors && errors.length > 0) throw new BundleError(errors.map(formatMessage).join('\n'));
    throw error;
  }
  const mapName = `${request.fileName}.map`;
  // esbuild names its outputs by absolute path; the zip wants them by name.
  const byName = new Map(result.outputFiles.map((file) => [file.path.endsWith('.map') ? mapName : request.fileName, file.contents]));
  if (!byName.has(request.fileName) || !byName.has(mapName)) throw new BundleError(`esbuild wrote nothing for ${request.entry}`);
  return new Map([
    [request.fileName, byName.get(request.fileName) as Uint8Array],
    [mapName, byName.get(mapName) as Uint8Array],
  ]);
}

function formatMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column + 1}: ` : '';
  return `${where}${message.text}`;
}

/** `index.handler` → `index.mjs`; `src/app.main` → `src/app.mjs`. */
export function bundleFileName(handler: string): string {
  const dot = handler.lastIndexOf('.');
  const module = dot > 0 ? handler.slice(0, dot) : handler;
  return `${module}.mjs`;
}
