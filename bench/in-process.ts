// The in-process side of bench/run.js: times each compiler phase on one flow.
import { emitCloudFormation } from '../compiler/emit/cloudformation/index.js';
import { emitTypeScript } from '../compiler/emit/typescript/index.js';
import { compileText } from '../compiler/program.js';

export function timePhases(path: string, text: string): Record<string, number> {
  const result = compileText(path, text);
  if (!result.manifest) throw new Error(`${path} does not compile: ${result.diagnostics[0]?.message ?? '?'}`);
  let t = performance.now();
  emitCloudFormation(result.manifest, { format: 'json' });
  const cloudformation = performance.now() - t;
  t = performance.now();
  emitTypeScript(result.manifest, { generatedDir: 'generated' });
  const typescript = performance.now() - t;
  return {
    parse: result.timings.parse ?? 0,
    resolve: result.timings.resolve ?? 0,
    check: result.timings.check ?? 0,
    lower: result.timings.lower ?? 0,
    cloudformation,
    typescript,
  };
}
