import { join } from 'node:path';
import { type FileSystemHost, Project, ts } from 'ts-morph';
import type { FlowManifest } from '../../runtime/manifest/schema.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Reporter } from '../diagnostics/reporter.js';
import { emitTypeScript } from '../emit/typescript/index.js';
import { SourceFile } from '../source/source-file.js';
import { span } from '../source/span.js';
import type { HandlerSource } from './inspect.js';
import { relatedFunction } from './related.js';

export interface TypeCheck {
  readonly manifest: FlowManifest;
  readonly flow: SourceFile;
  /** The absolute folder of the .flow file: the generated module is placed in it as `build` would write it. */
  readonly flowDir: string;
  readonly generatedDir: string;
  /** The TypeScript handlers to check, with the functions they belong to. */
  readonly handlers: readonly { readonly source: HandlerSource; readonly functions: readonly string[] }[];
  /**
   * Where imports (`flowc/runtime`, `aws-lambda`, the user's modules) are read from: the CLI
   * lends its Host, with these files (absolute paths) over the disk.
   */
  readonly fileSystem: (overlay: ReadonlyMap<string, string>) => FileSystemHost;
}

/**
 * The compiler options of the check: strict, as the stubs are written for, and Node's module
 * resolution (https://www.typescriptlang.org/docs/handbook/modules/reference.html#node16-nodenext).
 * The project's tsconfig.json is not read: the check is the same wherever the flow is.
 * Modules resolve from the handler's folder up, as for `tsc`: `flowc/runtime` and
 * `@types/aws-lambda` must be installed in the project, as they are for `flowc build`'s output.
 */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  // A handler's console and process are Node's; without @types/node installed, TS2580/TS2584 say so.
  types: ['node'],
};

/**
 * Runs the TypeScript checker over the handlers (FL6006), against the generated module as
 * this flow makes it now (placed over the one on disk, so the check needs no `flowc build`
 * first and reports the drift a build would reveal). Only errors in the handlers themselves
 * are reported, each at its file:line:col and related to its function's .flow line.
 */
export function typeCheckHandlers(check: TypeCheck): Diagnostic[] {
  const existing = new Set(check.manifest.functions.map((fn) => fn.handler));
  const overlay = new Map<string, string>();
  for (const [path, content] of emitTypeScript(check.manifest, { generatedDir: check.generatedDir, existingHandlers: existing }).generated) overlay.set(join(check.flowDir, path), content);
  // The handlers as the analysis read them, so a file edited meanwhile is checked as it was judged.
  for (const { source } of check.handlers) overlay.set(source.path, source.text);
  const project = new Project({ fileSystem: check.fileSystem(overlay), compilerOptions: OPTIONS, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const sources = check.handlers.map((h) => ({ ...h, file: project.addSourceFileAtPath(h.source.path) }));
  project.resolveSourceFileDependencies();
  const program = project.getProgram().compilerObject;
  const names = new Map(check.manifest.functions.map((fn) => [fn.name, fn]));
  const diagnostics: Diagnostic[] = [];
  for (const { source, functions, file } of sources) {
    const reporter = new Reporter(new SourceFile(source.display, source.text));
    const related = functions.flatMap((name) => {
      const fn = names.get(name);
      return fn === undefined ? [] : [relatedFunction(check.flow, fn)];
    });
    const found = [...program.getSyntacticDiagnostics(file.compilerNode), ...program.getSemanticDiagnostics(file.compilerNode)];
    for (const d of found) {
      if (d.category !== ts.DiagnosticCategory.Error || d.start === undefined) continue;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      const [first = message, ...rest] = message.split('\n');
      reporter.report('FL6006', span(d.start, d.start + Math.max(1, d.length ?? 1)), `TS${d.code}: ${first}`, {
        label: `TS${d.code}`,
        related,
        help: 'the handler is checked against the generated module as this flow makes it now: change the code, or the flow, where they disagree',
        notes: rest.map((line) => line.trim()).filter((line) => line !== ''),
      });
    }
    diagnostics.push(...reporter.diagnostics);
  }
  return diagnostics;
}
