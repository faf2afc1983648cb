import type { Code } from '../diagnostics/codes.js';
import { type Host, HostError } from './host.js';

const CANNOT_READ: Code = 'FL9001';

/**
 * Reads an input file of a command. When it cannot be read, prints the one-line error
 * (`flowc: error FL9001: cannot read app.flow: no such file`) and returns undefined; the
 * command then exits with 2.
 */
export function readInput(host: Host, file: string): Uint8Array | undefined {
  try {
    return host.readFile(file);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    host.stderr(`flowc: error ${CANNOT_READ}: cannot read ${error.message}\n`);
    return undefined;
  }
}
