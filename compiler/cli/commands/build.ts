import { basename, dirname, join, resolve } from 'node:path';
import { handlerFile } from '../../../runtime/manifest/handler-path.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../source/source-file.js';
import { emitCloudFormation } from '../../emit/cloudformation/index.js';
import { emitTypeScript, STUB_START } from '../../emit/typescript/index.js';
import { compileBytes } from '../../program.js';
import type { BuildMemory } from '../build-memory.js';
import { checkHandlers } from '../handler-check.js';
import { displayPathFor, type Host, HostError } from '../host.js';
import { outputFolderProblem, generatedFolderProblem, staleNestedStacks } from '../output-options.js';
import { buildReporter, type TemplateCounts } from '../build-summary.js';
import { applyPlan, type Output, planOutputs } from '../output-plan.js';
import { readInput } from '../read-input.js';
import { countDiagnostics, type DiagnosticFormat, plural, printDiagnostics, printOutputProblems, summaryLine } from '../report.js';

export interface BuildOptions {
  readonly outDir: string;
  readonly templateFormat: 'yaml' | 'json';
  readonly diagnosticFormat: DiagnosticFormat;
  readonly denyWarnings: boolean;
  /** Regenerated TypeScript, relative to each .flow file's folder. */
  readonly generatedDir: string;
  /** Write types and handler stubs (default true). */
  readonly typescript: boolean;
  /** Run the TypeScript checker over the handlers too (`--type-check`). */
  readonly typeCheck?: boolean;
  /** List every file written, created or kept, instead of a line per kind of output. */
  readonly verbose?: boolean;
  /** `--stage`: names `<app>-<stage>-<name>`. */
  readonly stage?: string;
  /** `--no-cache`: neither read nor write `.flowc/` (the handlers' facts). */
  readonly cache?: boolean;
  /** `flowc watch`'s memory of its last run (build-memory.ts). */
  readonly memory?: BuildMemory;
}

/** Exit code when the outputs cannot be written (FL9003–FL9007), as for a file that cannot be read (FL9001). */
const EXIT_OUTPUTS = 2;

/**
 * `flowc build FILE... -o DIR`: checks every file and its handlers; only when none has errors, writes the
 * CloudFormation template(s) to DIR (one folder per app when there are several files), the
 * generated TypeScript beside each .flow file, and handler stubs where none exist yet.
 * Every output of every file is planned and checked first (output-plan.ts): with errors, or
 * with any output that cannot be written, nothing is written.
 */
export async function runBuild(host: Host, files: readonly string[], options: BuildOptions): Promise<number> {
  const optionProblems = [
    ...outputFolderProblem('-o', options.outDir),
    ...(options.typescript ? generatedFolderProblem(options.generatedDir) : []),
  ];
  if (optionProblems.length > 0) {
    printOutputProblems(host, optionProblems);
    return EXIT_OUTPUTS;
  }
  const inputs = compileInputs(host, files, options);
  if (inputs === undefined) return 2;
  const { diagnostics, compiled } = inputs;
  const counts = countDiagnostics(diagnostics);
  const failed = counts.errors > 0 || (options.denyWarnings && counts.warnings > 0);
  const pretty = options.diagnosticFormat === 'pretty';
  if (failed) {
    printDiagnostics(host, diagnostics, options.diagnosticFormat);
    if (pretty) host.stderr(`${summaryLine(counts, files.length)}; nothing written\n`);
    return 1;
  }

  const written = writeOutputs(host, files, compiled, diagnostics, options);
  if (written === undefined) return EXIT_OUTPUTS;
  const { renderedStubs, handlerTexts } = written;
  options.memory?.printed.endRun();
  // The handlers are read as the build left them (new stubs included), and their problems do
  // not hold back the outputs: the regenerated module is what helps fix them.
  for (const { file, source, manifest } of compiled) {
    if (manifest) diagnostics.push(...(await checkHandlers(host, file, source, manifest, { stubs: 'warning', types: options.typeCheck === true, generatedDir: options.generatedDir, cache: options.cache === false ? 'off' : 'update', renderedStubs, texts: handlerTexts, ...(options.memory ? { memory: options.memory.facts } : {}) })));
  }
  printDiagnostics(host, diagnostics, options.diagnosticFormat);
  const all = countDiagnostics(diagnostics);
  if (pretty) host.stderr(`${summaryLine(all, files.length)}\n`);
  return all.errors > 0 || (options.denyWarnings && all.warnings > 0) ? 1 : 0;
}

/** A compiled input: what the build keeps of it. */
interface Compiled {
  readonly file: string;
  readonly source: SourceFile;
  readonly manifest: FlowManifest | undefined;
}

/**
 * Each file compiled, keeping only its source, manifest and diagnostics; undefined when one
 * cannot be read. A function of its own so that the whole result of each compile (the program,
 * its types and model: about 150 MB at 10,000 functions) is not held by a slot of runBuild's
 * frame while the templates are built and written: runBuild runs once, so V8 never optimises
 * it and never learns that the slot is dead.
 */
function compileInputs(host: Host, files: readonly string[], options: BuildOptions): { diagnostics: Diagnostic[]; compiled: Compiled[] } | undefined {
  const diagnostics: Diagnostic[] = [];
  const compiled: Compiled[] = [];
  for (const file of files) {
    const bytes = readInput(host, file);
    if (bytes === undefined) return undefined;
    const stage = options.stage !== undefined ? { stage: options.stage } : {};
    const result = options.memory?.compile(file, bytes, stage) ?? compileBytes(file, bytes, stage);
    diagnostics.push(...result.diagnostics);
    compiled.push({ file, source: result.source, manifest: result.manifest });
  }
  return { diagnostics, compiled };
}

/**
 * Every output of the compiled flows planned, then written; undefined when the plan or a write
 * failed (printed with the diagnostics). A function of its own, so that the outputs' contents
 * (the templates and the module, 60 MB at 10,000 functions) are not held by runBuild's frame
 * while the handlers are judged and the diagnostics printed.
 */
function writeOutputs(
  host: Host,
  files: readonly string[],
  compiled: readonly Compiled[],
  diagnostics: readonly Diagnostic[],
  options: BuildOptions,
): { renderedStubs: Map<string, string>; handlerTexts: Map<string, string> } | undefined {
  const outputs: Output[] = [];
  const templates = new Map<string, TemplateCounts>();
  // The stubs rendered this run, by path: a handler equal to its stub is judged without a parse.
  const renderedStubs = new Map<string, string>();
  // The existing handlers read to look for an interrupted stub, by path, for the handler checks.
  const readHandlers = new Map<string, string>();
  for (const { file } of compiled) outputs.push({ kind: 'claim', path: resolve(host.cwd, file), flow: file, what: `the input ${file}`, role: 'input' });
  for (const { file, manifest } of compiled) {
    if (manifest) outputs.push(...buildOutputs(host, file, manifest, options, files.length > 1, templates, renderedStubs, readHandlers));
  }
  const show = displayPathFor(host.cwd);
  const plan = planOutputs(host, outputs, show);
  if (plan.problems.length > 0) {
    printDiagnostics(host, diagnostics, options.diagnosticFormat);
    printOutputProblems(host, plan.problems);
    host.stderr(`${plural(plan.problems.length, 'problem')} with the outputs; nothing written\n`);
    return undefined;
  }

  const generated = new Set(outputs.filter((o) => o.kind === 'generated' && o.role === 'generated').map((o) => o.path));
  const report = buildReporter((line) => host.stderr(`${line}\n`), show, { verbose: options.verbose === true, templates, generated });
  // What each handler holds after the plan, where the build knows it: a kept file is as it was
  // read, a stub written is its content (one the plan found changed, or found there already, is read again).
  const handlerTexts = new Map<string, string>();
  for (const step of plan.steps) {
    const read = step.kind === 'keep' ? readHandlers.get(step.path) : undefined;
    if (read !== undefined) handlerTexts.set(step.path, read);
  }
  const failure = applyPlan(host, plan, show, (step) => {
    if (step.kind === 'create' || step.kind === 'recreate') handlerTexts.set(step.path, step.content);
    report.step(step);
  });
  if (options.diagnosticFormat === 'pretty') report.end({ failed: failure !== undefined });
  if (failure !== undefined) {
    printDiagnostics(host, diagnostics, options.diagnosticFormat);
    printOutputProblems(host, [failure]);
    return undefined;
  }
  return { renderedStubs, handlerTexts };
}

/** What one flow writes: its templates (and the stale nested stacks to remove), the generated module, its handler stubs. */
function buildOutputs(
  host: Host,
  file: string,
  manifest: FlowManifest,
  options: BuildOptions,
  perApp: boolean,
  templates: Map<string, TemplateCounts>,
  renderedStubs: Map<string, string>,
  readHandlers: Map<string, string>,
): Output[] {
  const outputs: Output[] = [];
  const appOut = resolve(host.cwd, perApp ? join(options.outDir, manifest.app) : options.outDir);
  // Watch prints only the YAML stacks that changed; a JSON template's key (its compact JSON) would cost what printing it costs.
  const printed = options.templateFormat === 'yaml' ? options.memory?.printed : undefined;
  const cloudFormationOptions = { format: options.templateFormat, ...(printed ? { printed } : {}) };
  const template = options.memory?.templates(manifest, cloudFormationOptions) ?? emitCloudFormation(manifest, cloudFormationOptions);
  templates.set(join(appOut, template.rootFile), template.counts);
  for (const [path, content] of template.files) {
    const what = path === template.rootFile ? `the template of app \`${manifest.app}\`` : `the nested stack ${path} of app \`${manifest.app}\``;
    outputs.push({ kind: 'generated', path: join(appOut, path), content, flow: file, what, role: 'template' });
  }
  for (const path of staleNestedStacks(host, appOut, template.files, options.templateFormat)) {
    outputs.push({ kind: 'stale', path, flow: file, what: `a nested stack app \`${manifest.app}\` no longer has`, role: 'template' });
  }
  if (!options.typescript) return outputs;

  const flowDir = dirname(resolve(host.cwd, file));
  const generatedFolder = resolve(flowDir, options.generatedDir);
  outputs.push({ kind: 'claim', path: generatedFolder, flow: file, what: 'the folder of the generated TypeScript', role: 'generated', reserves: 'folder' });
  // Stubs are rendered only for the handlers that do not exist yet, or that an interrupted
  // build left incomplete (after the first build, usually none).
  const handlers = new Map<string, { handler: string; fn: string; found: ExistingHandler }>();
  for (const fn of manifest.functions) {
    const path = handlerFile(flowDir, fn.handler);
    if (handlers.has(path)) continue;
    const found = existingHandler(host, path);
    if (found.kind !== 'missing' && found.text !== undefined) readHandlers.set(path, found.text);
    handlers.set(path, { handler: fn.handler, fn: fn.name, found });
  }
  const existingHandlers = new Set([...handlers.values()].filter((h) => h.found.kind === 'complete').map((h) => h.handler));
  const typescriptOptions = { generatedDir: options.generatedDir, existingHandlers };
  const typescript = options.memory?.typescript(manifest, typescriptOptions) ?? emitTypeScript(manifest, typescriptOptions);
  for (const [path, content] of typescript.generated) {
    outputs.push({ kind: 'generated', path: resolve(flowDir, path), content, flow: file, what: 'the generated TypeScript', role: 'generated', flowFile: { folder: flowDir, name: basename(file) } });
  }
  for (const [path, { handler, fn, found }] of handlers) {
    const content = typescript.scaffold.get(handler);
    if (content !== undefined) renderedStubs.set(path, content);
    const recreate = found.kind === 'maybe-interrupted' && content !== undefined && isProperPrefix(found.bytes, content) ? found.bytes : undefined;
    outputs.push({ kind: 'stub', path, content, ...(recreate !== undefined ? { recreate } : {}), flow: file, what: `the handler of \`${fn}\``, role: 'handler' });
  }
  return outputs;
}

/** What is at a handler path, with its text when it was read (a file of at most STUB_READ_LIMIT bytes). */
type ExistingHandler =
  | { readonly kind: 'missing' }
  | { readonly kind: 'complete'; readonly text?: string }
  | { readonly kind: 'maybe-interrupted'; readonly bytes: Uint8Array; readonly text: string };

/** Handler stubs are a few KB: a larger file is not one an interrupted build left. */
const STUB_READ_LIMIT = 64 * 1024;

/**
 * What is at a handler path. A stub that a build killed mid-write left (a build before flowc
 * wrote stubs atomically) is empty or a prefix of the stub: such a file is re-created. The test
 * is that the file is a proper prefix of the stub flowc would write now, so re-creating it
 * loses no byte; a file the user has written in (or one from an older flow) is never a prefix
 * and is kept.
 */
function existingHandler(host: Host, path: string): ExistingHandler {
  const info = host.inspect(path);
  if (info.kind === 'missing') return { kind: 'missing' };
  if (info.kind !== 'file' || info.size > STUB_READ_LIMIT) return { kind: 'complete' };
  if (info.size === 0) return { kind: 'maybe-interrupted', bytes: new Uint8Array(), text: '' };
  let bytes: Uint8Array;
  try {
    // One byte over the limit: a file that grew since it was looked at is not taken for its start.
    bytes = host.readFile(path, STUB_READ_LIMIT + 1);
  } catch (error) {
    // A handler that cannot be read is not one flowc may complete: it is kept.
    if (error instanceof HostError) return { kind: 'complete' };
    throw error;
  }
  if (bytes.byteLength > STUB_READ_LIMIT) return { kind: 'complete' };
  const text = new TextDecoder().decode(bytes);
  // Only a file that starts as every stub does is worth rendering the stub for.
  return text.startsWith(STUB_START) || STUB_START.startsWith(text) ? { kind: 'maybe-interrupted', bytes, text } : { kind: 'complete', text };
}

function isProperPrefix(bytes: Uint8Array, text: string): boolean {
  const full = new TextEncoder().encode(text);
  return bytes.byteLength < full.byteLength && equal(bytes, full.subarray(0, bytes.byteLength));
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
