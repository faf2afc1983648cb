import type { HandlerFacts } from './facts.js';
import type { Place } from './handler-export.js';

/**
 * The facts of a handler stub exactly as flowc renders it (emit/typescript/stubs.ts), read from
 * its known layout instead of parsed: the first build after adding functions creates their
 * stubs and judges them, and parsing them would load ts-morph for files flowc has just written.
 * Used only for a text equal to the stub flowc renders now; a layout it does not expect gives
 * undefined (the file is then parsed). test/handlers/stub-facts.test.ts holds these facts equal
 * to readHandlerFacts' for the stubs of every example and fixture.
 */
export function stubFacts(text: string): HandlerFacts | undefined {
  const lines = lineSpans(text);
  const importLine = lines.find((l) => l.text.startsWith('import { '));
  const exportLine = lines.find((l) => l.text.startsWith('export const handler: '));
  if (importLine === undefined || exportLine === undefined) return undefined;
  const imports = /^import \{ ([^}]*) \} from '[^']*';$/.exec(importLine.text);
  const exported = /^export const (handler): ([A-Za-z_$][\w$]*) = ([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\((?:async \(|\{$)/.exec(exportLine.text);
  if (imports === null || exported === null) return undefined;
  const imported = (imports[1] as string).split(', ').map((name) => name.replace(/^type /, ''));
  if (!imported.every((name) => /^[A-Za-z_$][\w$]*$/.test(name))) return undefined;
  const typeName = exported[2] as string;
  const typeStart = exportLine.start + 'export const handler: '.length;
  const stubThrows: Place[] = [];
  for (const line of lines) {
    const thrown = /^(\s*)(throw new Error\(`.*`\);)$/.exec(line.text);
    if (thrown === null) continue;
    const start = line.start + (thrown[1] as string).length;
    stubThrows.push({ start, end: start + (thrown[2] as string).length, text: thrown[2] as string });
  }
  if (stubThrows.length === 0) return undefined;
  const nameStart = exportLine.start + 'export const '.length;
  return {
    export: {
      kind: 'variable',
      name: { start: nameStart, end: nameStart + 'handler'.length, text: 'handler' },
      type: { start: typeStart, end: typeStart + typeName.length, text: typeName },
      typeName,
      helper: { value: exported[3] as string, method: exported[4] as string },
    },
    imported: imported.map((name) => [name, name] as const),
    // A stub's only imports are the generated module's, and it sends nothing yet.
    sendsUsed: [],
    stubThrows,
    detailTypePuts: [],
  };
}

function lineSpans(text: string): { start: number; text: string }[] {
  const spans: { start: number; text: string }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    spans.push({ start, text: line });
    start += line.length + 1;
  }
  return spans;
}
