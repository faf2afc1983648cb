import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import type { FileMap } from '../file-map.js';

export interface TypeScriptOptions {
  /** Folder of the regenerated files, relative to the .flow file's folder (default `generated`). */
  readonly generatedDir: string;
}

export interface TypeScriptOutput {
  /** Rewritten on every build. Paths relative to the .flow file's folder. */
  readonly generated: FileMap;
  /** Handler stubs: written only where no file exists, never overwritten. Paths relative to the .flow file's folder. */
  readonly scaffold: FileMap;
}

/** Manifest → generated TypeScript and handler stubs. (Being implemented: issue 5.) */
export function emitTypeScript(_manifest: FlowManifest, _options: TypeScriptOptions): TypeScriptOutput {
  return { generated: new Map(), scaffold: new Map() };
}
