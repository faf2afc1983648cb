import type { FlowManifest } from '../../runtime/manifest/schema.js';
import { type CloudFormationOptions, emitCloudFormation, type EmittedTemplates } from '../emit/cloudformation/index.js';
import { emitTypeScript, type TypeScriptOptions, type TypeScriptOutput } from '../emit/typescript/index.js';
import type { HandlerFacts } from '../handlers/facts.js';
import { type CompileOptions, type CompileResult, compileBytes } from '../program.js';
import { StatementCache } from '../syntax/statement-cache.js';
import { MemoryTexts } from './printed-cache.js';

/**
 * What `flowc watch` keeps of its last run, so that a run redoes only what changed
 * (docs/performance.md, "flowc watch and per-stack re-emission"): the statements of unchanged
 * text and place (syntax/statement-cache.ts); the compile of unchanged bytes, and with it the
 * templates and the TypeScript of the same manifest (a run after a handler edit compiles and
 * emits nothing); the printed text of each YAML template by what decides it (printed-cache.ts);
 * the handlers' facts by the hash of their text (handler-check.ts). After an edit of the flow,
 * resolution, inference, the rules, lowering and the templates' data are computed again: they
 * are about the whole graph. Everything kept is looked up by content or by the identity of
 * what it was computed from, so a run from memory gives what a cold build of the same files
 * gives, byte for byte (test/cli/build-memory.test.ts).
 */
export class BuildMemory {
  readonly printed = new MemoryTexts();
  /** The handlers' facts, by the hash of their text: the last run's (handler-check.ts). */
  readonly facts = new Map<string, HandlerFacts>();
  private readonly statements = new StatementCache();
  private last: { readonly path: string; readonly stage: string | undefined; readonly bytes: Uint8Array; readonly result: CompileResult } | undefined;
  private lastTemplates: { readonly manifest: FlowManifest; readonly format: string; readonly output: EmittedTemplates } | undefined;
  private lastTypeScript: { readonly manifest: FlowManifest; readonly generatedDir: string; readonly existing: string; readonly output: TypeScriptOutput } | undefined;

  /** `compileBytes`, from memory when the file is as it was compiled last (the watch reads it before and after a run). */
  compile(path: string, bytes: Uint8Array, options: CompileOptions = {}): CompileResult {
    const last = this.last;
    if (last !== undefined && last.path === path && last.stage === options.stage && equalBytes(last.bytes, bytes)) return last.result;
    const result = compileBytes(path, bytes, { ...options, statements: this.statements });
    this.last = { path, stage: options.stage, bytes: bytes.slice(), result };
    return result;
  }

  /**
   * `emitCloudFormation`, the last output again for the same manifest (the flow's bytes did
   * not change: a handler was edited). The templates are a function of the manifest and the format.
   */
  templates(manifest: FlowManifest, options: CloudFormationOptions): EmittedTemplates {
    const last = this.lastTemplates;
    if (last !== undefined && last.manifest === manifest && last.format === options.format && options.limits === undefined) return last.output;
    const output = emitCloudFormation(manifest, options);
    this.lastTemplates = { manifest, format: options.format, output };
    return output;
  }

  /** `emitTypeScript`, the last output again for the same manifest, folder and existing handlers (whose stubs it leaves out). */
  typescript(manifest: FlowManifest, options: TypeScriptOptions): TypeScriptOutput {
    const existing = JSON.stringify([...(options.existingHandlers ?? [])].sort());
    const last = this.lastTypeScript;
    if (last !== undefined && last.manifest === manifest && last.generatedDir === options.generatedDir && last.existing === existing) return last.output;
    const output = emitTypeScript(manifest, options);
    this.lastTypeScript = { manifest, generatedDir: options.generatedDir, existing, output };
    return output;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
