import { GENERATED_MARKER } from '../emit/file-map.js';
import type { Host } from './host.js';
import { applyPlan, planOutputs } from './output-plan.js';
import { plural, printOutputProblems } from './report.js';

export interface OneFile {
  /** The .flow file read (resolved): the output may not be it. */
  readonly input: string;
  /** The .flow file as named on the command line, for messages. */
  readonly inputName: string;
  readonly path: string;
  readonly content: string;
  /** `the SVG graph of app \`shop\``, for messages. */
  readonly what: string;
  readonly show: (path: string) => string;
}

/**
 * Writes one picture or report (`flowc graph -o`, `flowc sim --report`) through the output
 * plan: not over the input, not over a file flowc did not write, atomically. Exit 0, or 2 with
 * the problem (FL9003–FL9006) and nothing written.
 */
export function writeOneFile(host: Host, file: OneFile): number {
  const plan = planOutputs(
    host,
    [
      { kind: 'claim', path: file.input, flow: file.inputName, what: `the input ${file.inputName}`, role: 'input' },
      { kind: 'generated', path: file.path, content: file.content, flow: file.inputName, what: file.what, role: 'asset', owned: ownedPicture },
    ],
    file.show,
  );
  if (plan.problems.length > 0) {
    printOutputProblems(host, plan.problems);
    host.stderr(`${plural(plan.problems.length, 'problem')} with the output; nothing written\n`);
    return 2;
  }
  const failure = applyPlan(host, plan, file.show, (step) => {
    if (step.kind === 'write') host.stderr(`wrote ${file.show(step.path)}\n`);
  });
  if (failure !== undefined) {
    printOutputProblems(host, [failure]);
    return 2;
  }
  return 0;
}

/** Pictures and reports are small: the marker is on their first line, or the second after `<!DOCTYPE html>`. */
const HEAD_BYTES = 4096;

/**
 * Whether the file at `path` is a picture or report flowc wrote: its marker in a comment of
 * the file's language (`<!-- … -->`, `%% …`, `// …`, `# …`) on the first line, or on the
 * second after an HTML doctype.
 */
export function ownedPicture(host: Host, path: string): boolean {
  const info = host.inspect(path);
  if (info.kind !== 'file') return false;
  const lines = new TextDecoder().decode(host.readFile(path, Math.min(info.size, HEAD_BYTES))).split('\n', 3);
  const candidates = /^<!doctype html>$/i.test(lines[0]?.trim() ?? '') ? [lines[1]] : [lines[0]];
  return candidates.some((line) => line !== undefined && /^(<!--|%%|\/\/|#) /.test(line) && line.replace(/^(<!--|%%|\/\/|#) /, '').startsWith(`${GENERATED_MARKER} `));
}
