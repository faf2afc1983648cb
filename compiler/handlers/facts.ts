import type { HandlerExport, Place } from './handler-export.js';

/**
 * What flowc's handler checks (FL6001–FL6008) need to know of one handler file, read from its
 * syntax alone. It is a function of the file's text and nothing else (not of the flow), so it
 * can be cached by the text's hash (cli/handler-facts-cache.ts): a build whose handlers did not
 * change judges them against the flow without loading ts-morph or parsing a file.
 */
export interface HandlerFacts {
  /** The first syntax error; when there is one, the other facts are not read (FL6005 only). */
  readonly syntaxError?: { readonly start: number; readonly length: number; readonly message: string };
  readonly export: HandlerExport;
  /** `import { charge as c }`: local name → imported name, in source order. */
  readonly imported: readonly (readonly [string, string])[];
  /** The `sends` clients used (`….sends.receipts`), or null when that cannot be told from this file. */
  readonly sendsUsed: readonly string[] | null;
  /** The stub's `throw`s still in the file. */
  readonly stubThrows: readonly Place[];
  /** The literal `detailType`s put on each `sends` client (`….sends.<client>.put(…, { detailType })`). */
  readonly detailTypePuts: readonly DetailTypePut[];
}

export interface DetailTypePut {
  readonly client: string;
  readonly detailType: string;
  readonly place: Place;
}
