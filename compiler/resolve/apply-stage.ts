import type { ResolvedProgram } from './program.js';

/**
 * The pass that puts a program on a stage (`--stage prod`), between resolve and check, so every
 * rule sees the stage as part of the program it checks: the name-length rule (FL4036) measures
 * `<app>-<stage>-<name>`, and lowering carries the stage into the manifest, where the
 * emitters and the simulator spell names with it (runtime/manifest/names.ts).
 */
export function applyStage(program: ResolvedProgram, stage: string | undefined): ResolvedProgram {
  return stage === undefined ? program : { ...program, stage };
}
