import type { HandlerFacts } from '../handlers/facts.js';
import { type CompileOptions, type CompileResult, compileBytes } from '../program.js';
import { StatementCache } from '../syntax/statement-cache.js';
import { MemoryTexts } from './printed-cache.js';

/**
 * What `flowc watch` keeps of its last run, so that a run after an edit redoes only what the
 * edit changed (docs/performance.md, "flowc watch"): the statements of unchanged text
 * (syntax/statement-cache.ts), the compile of unchanged bytes, the printed text of each
 * template and of the generated module by what decides it (printed-cache.ts), and the
 * handlers' facts by the hash of their text (handler-check.ts). Resolution, inference, the
 * rules, lowering and the templates' data are computed again on every change: they are about
 * the whole graph. Everything kept is looked up by content, so a run from memory gives what a
 * cold build of the same files gives, byte for byte (test/cli/build-memory.test.ts).
 */
export class BuildMemory {
  readonly printed = new MemoryTexts();
  /** The handlers' facts, by the hash of their text: the last run's (handler-check.ts). */
  readonly facts = new Map<string, HandlerFacts>();
  private readonly statements = new StatementCache();
  private last: { readonly path: string; readonly stage: string | undefined; readonly bytes: Uint8Array; readonly result: CompileResult } | undefined;

  /** `compileBytes`, from memory when the file is as it was compiled last (the watch reads it before and after a run). */
  compile(path: string, bytes: Uint8Array, options: CompileOptions = {}): CompileResult {
    const last = this.last;
    if (last !== undefined && last.path === path && last.stage === options.stage && equalBytes(last.bytes, bytes)) return last.result;
    const result = compileBytes(path, bytes, { ...options, statements: this.statements });
    this.last = { path, stage: options.stage, bytes: bytes.slice(), result };
    return result;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
