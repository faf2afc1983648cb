import { compileBytes } from '../../program.js';
import type { Host } from '../host.js';
import { readInput } from '../read-input.js';
import { type DiagnosticFormat, printDiagnostics } from '../report.js';

/** `flowc manifest FILE`: the manifest as JSON on stdout; with errors, the diagnostics and exit 1. */
export function runManifest(host: Host, file: string, format: DiagnosticFormat, stage?: string): number {
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  const result = compileBytes(file, bytes, stage !== undefined ? { stage } : {});
  if (!result.manifest) {
    printDiagnostics(host, result.diagnostics, format);
    return 1;
  }
  host.stdout(`${JSON.stringify(result.manifest, null, 2)}\n`);
  return 0;
}
