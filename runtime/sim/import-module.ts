/** Where the CLI's launcher lends its `import()` (bin/code-cache.js). */
const LENT_IMPORT = Symbol.for('flowc.importModule');

/**
 * Imports the ES module at `url` (a handler bundle). The CLI runs as a script compiled from
 * V8's code cache (bin/code-cache.js), and in Node 20 a script read from a code cache loses
 * its module loader: its own `import()` fails. So the launcher, an ES module, lends its
 * `import` under a global symbol; without it (flowc/testing, the tests) this module imports.
 */
export function importModule(url: string): Promise<unknown> {
  const lent = (globalThis as { [LENT_IMPORT]?: (url: string) => Promise<unknown> })[LENT_IMPORT];
  return lent !== undefined ? lent(url) : import(url);
}
