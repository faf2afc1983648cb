import { posix } from 'node:path';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import type { FileMap } from '../file-map.js';
import { renderModule } from './generated-module.js';
import { buildModel } from './model.js';
import { GENERATED_MODULE_FILE, renderStub } from './stubs.js';

export { STUB_START } from './stubs.js';

export interface TypeScriptOptions {
  /** Folder of the regenerated files, relative to the .flow file's folder (default `generated`). */
  readonly generatedDir: string;
  /**
   * Handler paths (relative to the .flow file's folder) whose stubs are not wanted, because a
   * file is there already: `scaffold` leaves them out rather than render stubs nobody writes.
   */
  readonly existingHandlers?: ReadonlySet<string>;
}

export interface TypeScriptOutput {
  /** Rewritten on every build. Paths relative to the .flow file's folder. */
  readonly generated: FileMap;
  /**
   * Handler stubs, but for `existingHandlers`: written only where no file exists, never
   * overwritten. Paths relative to the .flow file's folder.
   */
  readonly scaffold: FileMap;
}

/**
 * Manifest → the generated module (`<generatedDir>/flow.ts`: types, envelopes, handler helpers,
 * `sends` clients) and a handler stub per function at its `handler` path (but for `existingHandlers`).
 */
export function emitTypeScript(manifest: FlowManifest, options: TypeScriptOptions): TypeScriptOutput {
  const model = buildModel(manifest);
  const generated = new Map([[posix.join(options.generatedDir.replaceAll('\\', '/'), GENERATED_MODULE_FILE), renderModule(model)]]);
  const scaffold = new Map<string, string>();
  for (const fn of model.functions) {
    if (options.existingHandlers?.has(fn.spec.handler) !== true) scaffold.set(fn.spec.handler, renderStub(model, fn, options.generatedDir));
  }
  return { generated, scaffold };
}
