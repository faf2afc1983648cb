import { join, resolve } from 'node:path';

/**
 * What a handler path in a .flow file may be: a relative path to a file inside the folder of the
 * .flow file, written with `/`. One definition for every reader: the checker's rules judge the
 * text with `handlerPathProblem`; `flowc build` (stubs), `flowc package`/`deploy` (bundles) and
 * the simulator find the file with `handlerFile`, so they always mean the same file.
 *
 * Only the text is judged, not the file system: a symlink inside the folder is followed wherever
 * it points. Whoever can put a symlink into the project can put code there too (a handler's own
 * `import` reaches any file), so a link is trusted as much as the code is; what the rules
 * guarantee is that the `.flow` text alone never names a file outside its folder.
 */

/** The folder of the generated TypeScript beside each .flow file, unless `flowc build --generated` moves it. */
export const DEFAULT_GENERATED_DIR = 'generated';

/** The extensions esbuild loads as JavaScript or TypeScript modules (https://esbuild.github.io/content-types/). */
export const HANDLER_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/** What is wrong with a path, from the worst: a path that cannot be used at all, then one that leaves the folder. */
export type PathProblem =
  | { readonly kind: 'nul' }
  | { readonly kind: 'control'; readonly char: string }
  | { readonly kind: 'backslash' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'absolute' }
  | { readonly kind: 'outside' };

/** The kinds that make a path unusable anywhere (FL2016); `absolute` and `outside` leave the folder (FL2014). */
export function isUnusable(problem: PathProblem): boolean {
  return problem.kind !== 'absolute' && problem.kind !== 'outside';
}

/**
 * The problem of `path` as a path inside a folder, or undefined. `expect: 'file'` (a `handler`)
 * refuses what names a folder (`src/`, `.`, `src/..`); `'folder'` (an app's `handlers`) takes them.
 */
export function handlerPathProblem(path: string, expect: 'file' | 'folder'): PathProblem | undefined {
  if (path.includes('\0')) return { kind: 'nul' };
  const control = /[\u0001-\u001f\u007f]/.exec(path);
  if (control) return { kind: 'control', char: control[0] };
  if (path.includes('\\')) return { kind: 'backslash' };
  if (path === '') return { kind: 'empty' };
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return { kind: 'absolute' };
  const segments = normalizedSegments(path);
  if (segments === undefined) return { kind: 'outside' };
  if (expect === 'file' && (segments.length === 0 || path.endsWith('/') || /(^|\/)\.\.?$/.test(path))) return { kind: 'not-a-file' };
  return undefined;
}

/**
 * The segments of a relative `/` path once `.` and `..` are applied, or undefined when a `..`
 * climbs above the start (`../x`, `a/../../x`).
 */
export function normalizedSegments(path: string): string[] | undefined {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() === undefined) return undefined;
      continue;
    }
    segments.push(segment);
  }
  return segments;
}

/** `src/./charge.ts` → `src/charge.ts`; undefined for a path `handlerPathProblem` refuses. */
export function normalizedHandlerPath(path: string): string | undefined {
  if (handlerPathProblem(path, 'file') !== undefined) return undefined;
  return (normalizedSegments(path) as string[]).join('/');
}

/** A handler path that `handlerFile` refuses: the flow it came from was never checked. */
export class HandlerPathError extends Error {}

/**
 * The file of a handler: `handler` (relative to the .flow file's folder, as in the manifest)
 * resolved against that folder. Throws a HandlerPathError for a path the rules refuse, so a
 * manifest that was not checked can never make flowc read or write outside the folder.
 */
export function handlerFile(flowDir: string, handler: string): string {
  const normalized = normalizedHandlerPath(handler);
  if (normalized === undefined) {
    const problem = handlerPathProblem(handler, 'file');
    throw new HandlerPathError(`the handler path ${JSON.stringify(handler)} is not a file inside the folder of the .flow file (${problem?.kind ?? 'invalid'})`);
  }
  return join(resolve(flowDir), normalized);
}
