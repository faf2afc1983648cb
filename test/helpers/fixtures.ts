import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fixturesRoot = new URL('../fixtures/', import.meta.url).pathname;

export interface ExpectedDiagnostic {
  readonly code: string;
  /** A file of the fixture other than input.flow (a handler), relative to the fixture's folder. */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The `# expect: FL2001 7:11` lines at the top of a fixture: the exact diagnostics it must
 * produce, written by hand when the fixture was made (never produced by the code under test).
 * A diagnostic in a handler names its file: `# expect: FL6001 handlers/charge.ts:1:1`.
 */
export function expectedDiagnostics(text: string): ExpectedDiagnostic[] {
  const out: ExpectedDiagnostic[] = [];
  for (const match of text.matchAll(/^# expect: (FL\d{4}) (?:(\S+):)?(\d+):(\d+)\s*$/gm)) {
    out.push({ code: match[1] as string, ...(match[2] === undefined ? {} : { file: match[2] }), line: Number(match[3]), column: Number(match[4]) });
  }
  return out;
}

export function fixtureFolders(kind: 'invalid' | 'valid' | 'cli'): string[] {
  const dir = join(fixturesRoot, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Inputs too large or too odd to commit are produced by a named generator (`input.generator`). */
const generators: Record<string, () => Uint8Array> = {
  /** 17 MiB of comment lines after an app declaration: over the 16 MiB limit. */
  oversize: () => {
    const line = `# ${'x'.repeat(1021)}\n`;
    return new TextEncoder().encode(`app big\n${line.repeat(17 * 1024)}`);
  },
  /** 4,000,001 tokens: a list of 1,999,999 names in one setting (about 6 MB), past the token limit. */
  'too-many-tokens': () => new TextEncoder().encode(`app big\nfn f { sends = [${'q, '.repeat(1_999_999)}q] }\n`),
  /** 250,001 queues, past the declaration limit (about 3 MB). */
  'too-many-declarations': () => {
    const queues = Array.from({ length: 250_001 }, (_, i) => `queue q${i}\n`).join('');
    return new TextEncoder().encode(`app big\n${queues}`);
  },
};

export function fixtureInput(kind: 'invalid' | 'valid', name: string): { path: string; bytes: Uint8Array } {
  const dir = join(fixturesRoot, kind, name);
  const generatorFile = join(dir, 'input.generator');
  if (existsSync(generatorFile)) {
    const generator = generators[readFileSync(generatorFile, 'utf8').trim()];
    if (!generator) throw new Error(`unknown generator in ${generatorFile}`);
    return { path: join(dir, 'input.flow'), bytes: generator() };
  }
  const path = join(dir, 'input.flow');
  return { path, bytes: readFileSync(path) };
}
