import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { emitCloudFormation } from '../../emit/cloudformation/index.js';
import { emitTypeScript } from '../../emit/typescript/index.js';
import { compileBytes } from '../../program.js';
import { displayPathFor, type Host } from '../host.js';
import { readInput } from '../read-input.js';
import { countDiagnostics, type DiagnosticFormat, printDiagnostics, summaryLine } from '../report.js';

export interface BuildOptions {
  readonly outDir: string;
  readonly templateFormat: 'yaml' | 'json';
  readonly diagnosticFormat: DiagnosticFormat;
  readonly denyWarnings: boolean;
  /** Regenerated TypeScript, relative to each .flow file's folder. */
  readonly generatedDir: string;
  /** Write types and handler stubs (default true). */
  readonly typescript: boolean;
}

/**
 * `flowc build FILE... -o DIR`: checks every file; only when none has errors, writes the
 * CloudFormation template(s) to DIR (one folder per app when there are several files), the
 * generated TypeScript beside each .flow file, and handler stubs where none exist yet.
 * Every file is written atomically; nothing is written when there are errors.
 */
export function runBuild(host: Host, files: readonly string[], options: BuildOptions): number {
  const diagnostics: Diagnostic[] = [];
  const compiled = [];
  for (const file of files) {
    const bytes = readInput(host, file);
    if (bytes === undefined) return 2;
    const result = compileBytes(file, bytes);
    diagnostics.push(...result.diagnostics);
    compiled.push({ file, result });
  }
  printDiagnostics(host, diagnostics, options.diagnosticFormat);
  const counts = countDiagnostics(diagnostics);
  const failed = counts.errors > 0 || (options.denyWarnings && counts.warnings > 0);
  if (failed) {
    if (options.diagnosticFormat === 'pretty') host.stderr(`${summaryLine(counts, files.length)}; nothing written\n`);
    return 1;
  }

  const show = displayPathFor(host.cwd);
  const written: string[] = [];
  const created: string[] = [];
  const kept: string[] = [];
  for (const { file, result } of compiled) {
    const manifest = result.manifest;
    if (!manifest) continue;
    const appOut = files.length > 1 ? join(options.outDir, manifest.app) : options.outDir;
    const template = emitCloudFormation(manifest, { format: options.templateFormat });
    for (const [path, content] of template.files) {
      host.writeFileAtomic(join(appOut, path), content);
      written.push(join(appOut, path));
    }
    removeStaleNestedStacks(host, appOut, template.files, options.templateFormat);
    if (options.typescript) {
      const flowDir = dirname(file);
      // Stubs are rendered only for the handlers that do not exist yet (after the first build,
      // none). The check only saves that work: `writeFileIfAbsent` is what guarantees that a
      // file, even one created in between, is never overwritten.
      const handlers = [...new Set(manifest.functions.map((fn) => fn.handler))];
      const existingHandlers = new Set(handlers.filter((path) => host.fileExists(join(flowDir, path))));
      const typescript = emitTypeScript(manifest, { generatedDir: options.generatedDir, existingHandlers });
      for (const [path, content] of typescript.generated) {
        host.writeFileAtomic(join(flowDir, path), content);
        written.push(join(flowDir, path));
      }
      for (const path of handlers) {
        const stub = typescript.scaffold.get(path);
        if (stub !== undefined && host.writeFileIfAbsent(join(flowDir, path), stub)) created.push(join(flowDir, path));
        else kept.push(join(flowDir, path));
      }
    }
  }
  if (options.diagnosticFormat === 'pretty') {
    for (const path of written) host.stderr(`wrote ${show(path)}\n`);
    for (const path of created) host.stderr(`created ${show(path)} (a handler stub: yours to edit)\n`);
    if (kept.length > 0) host.stderr(`kept ${kept.length} existing handler${kept.length === 1 ? '' : 's'}: ${kept.map((p) => relative(host.cwd, p)).join(', ')}\n`);
    host.stderr(`${summaryLine(counts, files.length)}\n`);
  }
  return 0;
}

/**
 * A build that needs fewer nested stacks than the last one (or none) leaves no old
 * `stacks/stackN` file behind to be mistaken for part of the app. Only files of exactly that
 * name are removed, and only past the last one written.
 */
function removeStaleNestedStacks(host: Host, appOut: string, files: ReadonlyMap<string, string>, format: 'yaml' | 'json'): void {
  for (let n = 1; ; n++) {
    const path = `stacks/stack${n}.${format}`;
    if (files.has(path)) continue;
    if (!host.fileExists(join(appOut, path))) return;
    host.removeTree(join(appOut, path));
  }
}
