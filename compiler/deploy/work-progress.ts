/**
 * Progress of long work in `package` and `deploy` (bundling every handler, uploading the code
 * and templates), for the CLI to show: a redrawn line on a terminal, one line without one.
 */
export interface WorkStep {
  readonly task: 'bundling' | 'uploading';
  /** How many items are finished, of `total`; 0 when the task starts. */
  readonly done: number;
  readonly total: number;
  /** The item just finished (a function's name, an S3 key); empty when the task starts. */
  readonly item: string;
}

export type OnProgress = (step: WorkStep) => void;
