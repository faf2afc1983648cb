import { compileBytes } from '../../program.js';
import type { Host } from '../host.js';
import { type DiagnosticFormat, printDiagnostics } from '../report.js';

/** `flowc manifest FILE`: the manifest as JSON on stdout; with errors, the diagnostics and exit 1. */
export function runManifest(host: Host, file: string, format: DiagnosticFormat): number {
  const result = compileBytes(file, host.readFile(file));
  if (!result.manifest) {
    printDiagnostics(host, result.diagnostics, format);
    return 1;
  }
  host.stdout(`${JSON.stringify(result.manifest, null, 2)}\n`);
  return 0;
}
