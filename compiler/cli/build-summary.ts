import { dirname } from 'node:path';
import type { Step } from './output-plan.js';
import { plural } from './report.js';

/** A root template of the run, with what it holds. */
export interface TemplateCounts {
  readonly resources: number;
  readonly stacks: number;
}

export interface BuildReporter {
  step(step: Step): void;
  /** Prints what was done: one line per kind of output, or every file (`verbose`, or after a failure, when what was written must be listed). */
  end(options: { readonly failed: boolean }): void;
}

/**
 * What `flowc build` tells a person: a line per kind of output ("template: out/template.yaml
 * (4,700 resources in 14 stacks)", "created 130 handler stubs in handlers/"), so that a large
 * app's build stays a few lines; `--verbose` lists every file, as does a build that failed
 * half way (the files written before the failure are complete, and the user needs their names).
 */
export function buildReporter(
  emit: (line: string) => void,
  show: (path: string) => string,
  options: { readonly verbose: boolean; readonly templates: ReadonlyMap<string, TemplateCounts>; readonly generated: ReadonlySet<string> },
): BuildReporter {
  const steps: Step[] = [];
  return {
    step: (step) => void steps.push(step),
    end({ failed }) {
      const lines = options.verbose || failed ? fileLines(steps, show) : summaryLines(steps, show, options);
      for (const line of lines) emit(line);
    },
  };
}

function fileLines(steps: readonly Step[], show: (path: string) => string): string[] {
  const lines: string[] = [];
  const kept: string[] = [];
  for (const step of steps) {
    if (step.kind === 'write') lines.push(`wrote ${show(step.path)}`);
    else if (step.kind === 'create') lines.push(`created ${show(step.path)} (a handler stub: yours to edit)`);
    else if (step.kind === 'recreate') lines.push(`created ${show(step.path)} again (a handler stub an interrupted build left incomplete)`);
    else if (step.kind === 'remove') lines.push(`removed ${show(step.path)} (a nested stack the app no longer has)`);
    else kept.push(show(step.path));
  }
  if (kept.length > 0) lines.push(`kept ${plural(kept.length, 'existing handler')}: ${kept.join(', ')}`);
  return lines;
}

function summaryLines(
  steps: readonly Step[],
  show: (path: string) => string,
  options: { readonly templates: ReadonlyMap<string, TemplateCounts>; readonly generated: ReadonlySet<string> },
): string[] {
  const lines: string[] = [];
  const of = (kind: Step['kind']) => steps.filter((step) => step.kind === kind).map((step) => step.path);
  for (const path of of('write')) {
    const counts = options.templates.get(path);
    if (counts !== undefined) {
      const stacks = counts.stacks > 1 ? ` in ${plural(counts.stacks, 'stack')}` : '';
      lines.push(`template: ${show(path)} (${plural(counts.resources, 'resource')}${stacks})`);
    } else if (options.generated.has(path)) {
      lines.push(`generated types: ${show(path)}`);
    }
  }
  const created = of('create');
  if (created.length > 0) lines.push(`created ${plural(created.length, 'handler stub')} in ${folders(created, show)} (yours to edit)`);
  for (const path of of('recreate')) lines.push(`created ${show(path)} again (a handler stub an interrupted build left incomplete)`);
  const removed = of('remove');
  if (removed.length > 0) lines.push(`removed ${plural(removed.length, 'nested stack')} the app no longer has`);
  const kept = of('keep');
  if (kept.length > 0) lines.push(`kept ${plural(kept.length, 'existing handler')} in ${folders(kept, show)}`);
  return lines;
}

/** `handlers/`, or the first folders and how many more. */
function folders(paths: readonly string[], show: (path: string) => string): string {
  const names = [...new Set(paths.map((path) => `${show(dirname(path))}/`))];
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${plural(names.length - 3, 'other folder')}`;
}
