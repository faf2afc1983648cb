import type { OnProgress } from '../deploy/work-progress.js';
import type { Host } from './host.js';

/** Erase the terminal's current line and return to its start (ECMA-48 EL 2, then CR). */
const CLEAR_LINE = '\r\u001b[2K';

/**
 * Shows long work on standard error. On a terminal one line is redrawn (`bundling 12/130: fn
 * charge`) and erased when the task ends, so what stays is the summary the command prints
 * after (`wrote … (fn charge, 12 KiB)`, `uploaded 3, unchanged 11`); without one (CI logs, a
 * pipe) nothing is added: a log keeps only those summary lines, and an error stays one line.
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
    if (!redraw) return;
    if (step.done >= step.total) return end();
    const item = step.item === '' ? '' : `: ${step.item}`;
    host.stderr(`${CLEAR_LINE}${step.task} ${step.done}/${step.total}${item}`);
    drawn = true;
  };
  return { report, end };
}
