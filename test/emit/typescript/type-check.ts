/**
 * Type-checks TypeScript in-process with the compiler API: in-memory files laid over the disk,
 * under the repository's strict options. `flowc/runtime` resolves either to the runtime sources
 * (so they are checked too, under the same options) or, with `viaPackage`, through the package's
 * `exports` to the built declarations, as a user's project resolves it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { compileText } from '../../../compiler/program.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface TypeCheckOptions {
  /** Resolve `flowc/runtime` through package.json `exports` (dist/) instead of the sources. */
  readonly viaPackage?: boolean;
}

export interface TypeError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly code: number;
}

function repoCompilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  return { ...parsed.options, noEmit: true, types: ['node'] };
}

const diskFiles = new Map<string, ts.SourceFile>();

/** Every error of a program made of `files` (absolute path → text) and what they import. */
export function typeCheck(files: ReadonlyMap<string, string>, options: TypeCheckOptions = {}): TypeError[] {
  const compilerOptions: ts.CompilerOptions = {
    ...repoCompilerOptions(),
    ...(options.viaPackage ? {} : { paths: { 'flowc/runtime': [join(repoRoot, 'runtime/index.ts')] } }),
  };
  const host = ts.createCompilerHost(compilerOptions, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => files.get(path) ?? readFile(path);
  host.fileExists = (path) => files.has(path) || fileExists(path);
  const directoryExists = host.directoryExists?.bind(host);
  const virtualDirectories = new Set([...files.keys()].flatMap((path) => ancestors(path)));
  host.directoryExists = (path) => virtualDirectories.has(path) || (directoryExists?.(path) ?? false);
  host.getSourceFile = (path, language, onError, shouldCreate) => {
    const text = files.get(path);
    if (text !== undefined) return ts.createSourceFile(path, text, language, true);
    // Files on disk do not change during a test run: parse each once (lib.d.ts, @types, runtime/).
    const key = `${path}\0${JSON.stringify(language)}`;
    let cached = diskFiles.get(key);
    if (cached === undefined) {
      cached = getSourceFile(path, language, onError, shouldCreate);
      if (cached !== undefined) diskFiles.set(key, cached);
    }
    return cached;
  };
  const program = ts.createProgram([...files.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return {
      file: d.file?.fileName ?? '(options)',
      line: (position?.line ?? -1) + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      code: d.code,
    };
  });
}

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) out.push(dir);
  return out;
}

export function formatErrors(errors: readonly TypeError[]): string {
  return errors.map((e) => `${e.file}:${e.line}: TS${e.code} ${e.message}`).join('\n');
}

/** The manifest of a flow; throws on errors. */
export function manifestOf(path: string, text: string = readFileSync(path, 'utf8')): FlowManifest {
  const result = compileText(path, text);
  if (!result.manifest) throw new Error(`${path} does not compile:\n${result.diagnostics.map((d) => d.message).join('\n')}`);
  return result.manifest;
}

/** Every example: `examples/<name>/<name>.flow`. */
export const exampleNames: readonly string[] = readdirSync(join(repoRoot, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export function exampleFlowPath(name: string): string {
  return `examples/${name}/${name}.flow`;
}

/** Flows written for the emitter's tests (test/emit/typescript/flows/<name>.flow). */
export const testFlowNames: readonly string[] = readdirSync(join(repoRoot, 'test/emit/typescript/flows'))
  .filter((file) => file.endsWith('.flow'))
  .map((file) => file.slice(0, -'.flow'.length))
  .sort();

export function testFlowPath(name: string): string {
  return `test/emit/typescript/flows/${name}.flow`;
}

/** The examples and the test flows: every flow whose TypeScript has golden files and is type-checked. */
export const allFlows: readonly { readonly name: string; readonly path: string }[] = [
  ...exampleNames.map((name) => ({ name, path: exampleFlowPath(name) })),
  ...testFlowNames.map((name) => ({ name, path: testFlowPath(name) })),
];
