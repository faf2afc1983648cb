import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Host } from './host.js';
import type { OutputProblem } from './output-plan.js';

/**
 * The output folders of the command line, checked before anything is compiled: a NUL byte
 * (Node refuses such a path with an internal-looking error), an empty value (`-o "$OUT"` with
 * `OUT` unset would write into the current folder), and for `--generated` a folder that is not
 * a subfolder of each .flow file's folder: the handler stubs import the generated module by a
 * relative path, and flowc owns that folder, so it cannot be the flow's folder itself.
 */
export function outputFolderProblem(option: string, value: string): OutputProblem[] {
  if (value.includes('\0')) return [invalid(option, value, 'contains a NUL character, which no path can hold', 'remove it')];
  if (value.trim() === '') return [invalid(option, value, 'is empty', `give a folder, e.g. \`${option} out\` (\`${option} .\` for the current folder)`)];
  return [];
}

export function generatedFolderProblem(value: string): OutputProblem[] {
  const basic = outputFolderProblem('--generated', value);
  if (basic.length > 0) return basic;
  const help = 'give a folder inside the folder of the .flow file, e.g. `--generated generated` (the default) or `--generated src/generated`';
  if (isAbsolute(value)) return [invalid('--generated', value, 'is an absolute path; it is a folder beside each .flow file', help)];
  const normalized = normalize(value);
  if (normalized === '..' || normalized.startsWith(`..${sep}`)) return [invalid('--generated', value, 'leaves the folder of the .flow file', help)];
  if (normalized === '.' || normalized === `.${sep}`) return [invalid('--generated', value, 'is the folder of the .flow file itself, where the handlers are', help)];
  return [];
}

function invalid(option: string, value: string, what: string, help: string): OutputProblem {
  return { code: 'FL9007', message: `${option} ${JSON.stringify(value)} ${what}`, help };
}

/**
 * The `stacks/stackN` files of an earlier build past the last one this build writes, so that a
 * smaller app leaves no old stack to be mistaken for part of it. Only files of exactly that
 * name are candidates, and the plan removes only those that carry flowc's marker.
 */
export function staleNestedStacks(host: Host, appOut: string, files: ReadonlyMap<string, string>, format: 'yaml' | 'json'): string[] {
  const stale: string[] = [];
  for (let n = 1; ; n++) {
    const path = `stacks/stack${n}.${format}`;
    if (files.has(path)) continue;
    if (host.inspect(join(appOut, path)).kind === 'missing') return stale;
    stale.push(join(appOut, path));
  }
}
