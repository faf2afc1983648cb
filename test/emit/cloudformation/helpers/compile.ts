import { readFileSync } from 'node:fs';
import { compileText } from '../../../../compiler/program.js';
import type { FlowManifest } from '../../../../runtime/manifest/schema.js';

/** The manifest of a flow that must compile; the diagnostics are the failure message otherwise. */
export function manifestOf(path: string, text: string): FlowManifest {
  const result = compileText(path, text);
  if (!result.manifest) throw new Error(`${path} does not compile:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return result.manifest;
}

export function manifestOfFile(path: string, displayPath = path): FlowManifest {
  return manifestOf(displayPath, readFileSync(path, 'utf8'));
}

/** A flow from lines, so tests read like .flow files. */
export function flow(...lines: string[]): FlowManifest {
  return manifestOf('test.flow', `${lines.join('\n')}\n`);
}
