import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { compileBytes } from '../../program.js';
import type { BuildMemory } from '../build-memory.js';
import { checkHandlers } from '../handler-check.js';
import type { Host } from '../host.js';
import { fixFile } from './fix.js';
import { readInput } from '../read-input.js';
import { countDiagnostics, type DiagnosticFormat, printDiagnostics, summaryLine } from '../report.js';

export interface CheckOptions {
  readonly format: DiagnosticFormat;
  readonly denyWarnings: boolean;
  /** Apply the machine-applicable suggestions (`--fix`). */
  readonly fix?: boolean;
  /** Run the TypeScript checker over the handlers too (`--types`). */
  readonly types?: boolean;
  /** `flowc watch`'s memory of its last run (build-memory.ts). */
  readonly memory?: BuildMemory;
}

/**
 * `flowc check FILE...`: diagnostics only, of each flow and, when it has no errors, of its
 * handlers (compiler/handlers). Exit 0 clean, 1 with errors (or warnings under
 * --deny-warnings), 2 when a file cannot be read.
 */
export async function runCheck(host: Host, files: readonly string[], options: CheckOptions): Promise<number> {
  const diagnostics: Diagnostic[] = [];
  let unreadable = 0;
  let refused = 0;
  for (const file of files) {
    const bytes = readInput(host, file);
    if (bytes === undefined) {
      unreadable++;
      continue;
    }
    const result = options.memory?.compile(file, bytes) ?? compileBytes(file, bytes);
    if (options.fix === true) {
      const outcome = fixFile(host, file, bytes, result);
      diagnostics.push(...outcome.diagnostics);
      if (!outcome.ok) refused++;
    } else {
      diagnostics.push(...result.diagnostics);
    }
    if (result.manifest) diagnostics.push(...(await checkHandlers(host, file, result.source, result.manifest, { stubs: 'warning', types: options.types === true, ...(options.memory ? { memory: options.memory.facts } : {}) })));
  }
  printDiagnostics(host, diagnostics, options.format);
  const counts = countDiagnostics(diagnostics);
  if (options.format === 'pretty' && unreadable < files.length) {
    const unread = unreadable > 0 ? `; ${unreadable} of ${files.length} files could not be read` : '';
    host.stderr(`${summaryLine(counts, files.length - unreadable)}${unread}\n`);
  }
  if (unreadable > 0 || refused > 0) return 2;
  return counts.errors > 0 || (options.denyWarnings && counts.warnings > 0) ? 1 : 0;
}
