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

/**
 * Bundles one handler into a single ES module.
 *
 * ESM, not CommonJS: handlers are written as ES modules and may use top-level `await` for
 * their set-up, which only ESM allows; Lambda's Node.js runtimes load `.mjs` natively. A
 * `require` made with `createRequire` lets bundled CommonJS dependencies still load Node's
 * built-in modules. `@aws-sdk/*` stays external: the runtime provides SDK v3, and bundling it
 * would only add megabytes. No source map: it would need `--enable-source-maps` on the function.
 */
export async function bundleHandler(request: BundleRequest): Promise<Uint8Array> {
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
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (errors && errors.length > 0) throw new BundleError(errors.map(formatMessage).join('\n'));
    throw error;
  }
  const output = result.outputFiles[0];
  if (!output) throw new BundleError(`esbuild wrote nothing for ${request.entry}`);
  return output.contents;
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
