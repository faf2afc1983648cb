import type { HandlerFacts } from './facts.js';
import { detailTypePuts, findHandlerExport, importedNames, sendsUsed, stubThrows } from './handler-export.js';
import { firstSyntaxError, type HandlerText, parseHandlers } from './parse.js';

/**
 * Reads the facts of each handler file with ts-morph (a parse, no type checker). This is the
 * only module of the handler checks that loads ts-morph: the CLI imports it for the files its
 * cache has no facts for.
 */
export function readHandlerFacts(files: readonly HandlerText[]): Map<string, HandlerFacts> {
  const { project, sources } = parseHandlers(files);
  const facts = new Map<string, HandlerFacts>();
  for (const [path, source] of sources) {
    const syntaxError = firstSyntaxError(project, source);
    if (syntaxError !== undefined) {
      facts.set(path, { syntaxError, export: { kind: 'missing' }, imported: [], sendsUsed: null, stubThrows: [], detailTypePuts: [] });
      continue;
    }
    const used = sendsUsed(source);
    facts.set(path, {
      export: findHandlerExport(source),
      imported: [...importedNames(source)],
      sendsUsed: used === undefined ? null : [...used],
      stubThrows: stubThrows(source),
      detailTypePuts: detailTypePuts(source),
    });
  }
  return facts;
}
