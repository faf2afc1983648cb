// The in-process side of bench/run.js: times each compiler phase on one flow, and `flowc watch`'s rebuilds.
import { emitCloudFormation } from '../compiler/emit/cloudformation/index.js';
import { emitTypeScript } from '../compiler/emit/typescript/index.js';
import { compileText } from '../compiler/program.js';
import { writeFileSync } from 'node:fs';
import { BuildMemory } from '../compiler/cli/build-memory.js';
import { runBuild } from '../compiler/cli/commands/build.js';
import { type Host, nodeHost } from '../compiler/cli/host.js';

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

/**
 * `flowc watch`'s rebuild after a one-line edit, in process: `runBuild` with the watch's memory
 * (compiler/cli/build-memory.ts), against the same build without memory and without caches, the two interleaved, `edits` of
 * each. `edit(i)` gives the flow's text for the i-th edit; output is discarded. Medians, ms.
 */
export async function timeWatchRebuilds(dir: string, edit: (i: number) => string, edits: number): Promise<{ watch: number; cold: number }> {
  const base = nodeHost();
  const host: Host = { ...base, cwd: dir, stdout: () => {}, stderr: () => {} };
  const flowPath = `${dir}/app.flow`;
  const options = { outDir: `${dir}/out-watch`, templateFormat: 'json' as const, diagnosticFormat: 'pretty' as const, denyWarnings: false, generatedDir: 'generated', typescript: true };
  const memory = new BuildMemory();
  const build = async (text: string, withMemory: boolean) => {
    writeFileSync(flowPath, text);
    const start = performance.now();
    const code = await runBuild(host, [flowPath], withMemory ? { ...options, memory } : { ...options, cache: false });
    const ms = performance.now() - start;
    if (code !== 0) throw new Error(`the build of ${flowPath} exited ${code}`);
    return ms;
  };
  await build(edit(0), true);
  const watch: number[] = [];
  const cold: number[] = [];
  for (let i = 1; i <= edits; i++) {
    watch.push(await build(edit(i), true));
    cold.push(await build(edit(i), false));
  }
  return { watch: middle(watch), cold: middle(cold) };
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
