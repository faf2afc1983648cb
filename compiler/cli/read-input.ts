import type { Code } from '../diagnostics/codes.js';
import { MAX_SOURCE_BYTES } from '../source/decode.js';
import { type Host, HostError } from './host.js';

const CANNOT_READ: Code = 'FL9001';

/**
 * Reads an input file of a command: at most one byte more than flowc reads (MAX_SOURCE_BYTES),
 * so a file too large, or endless (`/dev/zero`, a pipe), is refused with FL1008 after reading
 * no more than that. When it cannot be read, prints the one-line error
 * (`flowc: error FL9001: cannot read app.flow: no such file`) and returns undefined; the
 * command then exits with 2.
 */
export function readInput(host: Host, file: string): Uint8Array | undefined {
  try {
    return host.readFile(file, MAX_SOURCE_BYTES + 1);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    host.stderr(`flowc: error ${CANNOT_READ}: cannot read ${error.message}\n`);
    return undefined;
  }
}
