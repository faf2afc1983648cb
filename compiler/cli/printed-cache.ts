/**
 * `flowc watch`'s texts of the YAML templates of its last run (the root and each nested stack),
 * by what decides them (emit/cloudformation's `templateKey`: the format, the header and the
 * compact JSON, which V8 writes several times faster than flowc prints YAML), so that a run
 * after an edit prints only the stacks that changed. It keeps only what the last run used
 * (`endRun`), so it holds one build's texts and never grows.
 *
 * `flowc build` has no such cache on disk: one was measured (content-addressed files in
 * `.flowc/`) and bought nothing in a whole process, its reading and hashing costing what the
 * printing it saved did (docs/performance.md).
 */
export class MemoryTexts {
  private previous = new Map<string, string>();
  private current = new Map<string, string>();

  get(key: string): string | undefined {
    const text = this.current.get(key) ?? this.previous.get(key);
    if (text !== undefined) this.current.set(key, text);
    return text;
  }

  set(key: string, text: string): void {
    this.current.set(key, text);
  }

  /** Ends a build: the texts it did not use are dropped. (A run that asked for none, its templates taken whole from memory, keeps the last run's.) */
  endRun(): void {
    if (this.current.size > 0) this.previous = this.current;
    this.current = new Map();
  }
}
