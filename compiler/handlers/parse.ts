import { Project, type SourceFile as TsSourceFile, ts } from 'ts-morph';

/** A handler source as the CLI read it: an absolute path (for the analysis) and its text. */
export interface HandlerText {
  readonly path: string;
  readonly text: string;
}

/**
 * Parses handler sources in an in-memory project: no file system, no lib files, no module
 * resolution and no type checker, so reading a hundred handlers costs milliseconds once
 * ts-morph is loaded.
 */
export function parseHandlers(files: readonly HandlerText[]): { project: Project; sources: Map<string, TsSourceFile> } {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true, noLib: true, noResolve: true, jsx: ts.JsxEmit.Preserve },
  });
  const sources = new Map<string, TsSourceFile>();
  for (const file of files) sources.set(file.path, project.createSourceFile(file.path, file.text, { overwrite: true }));
  return { project, sources };
}

/** The first syntax error of a parsed file, as an offset and a message; undefined when it parses. */
export function firstSyntaxError(project: Project, source: TsSourceFile): { start: number; length: number; message: string } | undefined {
  const [first] = project.getProgram().compilerObject.getSyntacticDiagnostics(source.compilerNode);
  if (first === undefined) return undefined;
  return { start: first.start ?? 0, length: first.length ?? 0, message: ts.flattenDiagnosticMessageText(first.messageText, '\n') };
}
