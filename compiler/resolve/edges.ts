import { byKind } from '../kinds/registry.js';
import type { DeclarationKind } from '../settings/schema.js';
import type { EdgeKind } from './program.js';

/** The edges the language has: source kind → target kind → what AWS mechanism it becomes (each kind's `edges`, compiler/kinds/). */
export const edgeTable: Readonly<Record<DeclarationKind, Partial<Record<DeclarationKind, EdgeKind>>>> = byKind((kind) => kind.edges);

/** Why an edge from a kind cannot go to the target, and what to write instead. */
export const edgeHelp: Readonly<Record<DeclarationKind, string>> = byKind((kind) => kind.edgeHelp);
