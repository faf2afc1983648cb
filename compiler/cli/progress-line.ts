import type { OnProgress, WorkStep } from '../deploy/work-progress.js';
import type { Host } from './host.js';

/** Erase the terminal's current line and return to its start (ECMA-48 EL 2, then CR). */
const CLEAR_LINE = '\r\u001b[2K';

/** What a task is called when it starts, in a log: `bundling 130 handlers...`. */
function startLine(step: WorkStep): string {
  return step.task === 'bundling' ? `bundling ${step.total} handler${step.total === 1 ? '' : 's'} with esbuild...` : `uploading: checking ${step.total} object${step.total === 1 ? '' : 's'} in S3...`;
}

/**
 * Shows long work on standard error. On a terminal one line is redrawn (`bundling 12/130: fn
 * charge`) and erased when the task ends, so what stays is the summary the command prints
 * after; without one (CI logs) only the start of each task is a line, never a line per item.
 * `TERM=dumb` counts as no terminal: it cannot erase a line. `end` erases a line still drawn
 * (the work failed half way), before the error is printed.
 */
export interface ProgressLine {
  readonly report: OnProgress;
  end(): void;
}

export function progressLine(host: Host): ProgressLine {
  const redraw = host.stderrIsTTY && host.env.TERM !== 'dumb';
  let drawn = false;
  const end = () => {
    if (drawn) host.stderr(CLEAR_LINE);
    drawn = false;
  };
  const report: OnProgress = (step) => {
    if (!redraw) {
      if (step.done === 0 && step.total > 0) host.stderr(`${startLine(step)}\n`);
      return;
    }
    if (step.done >= step.total) return end();
    const item = step.item === '' ? '' : `: ${step.item}`;
    host.stderr(`${CLEAR_LINE}${step.task} ${step.done}/${step.total}${item}`);
    drawn = true;
  };
  return { report, end };
}
