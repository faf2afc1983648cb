import { lowerToManifest } from '../lower/to-manifest.js';
import type { FlowManifest } from '../../runtime/manifest/schema.js';
import type { Analysis } from './analysis.js';

const manifests = new WeakMap<Analysis, FlowManifest | null>();

/**
 * The settings of a declaration as AWS will get them, every default applied: today read from
 * the lowered manifest (so only for a file without errors). This is the one place the
 * language server asks for them, so it can be re-pointed at the typed model of settings.
 */
export function effectiveSettings(analysis: Analysis, name: string): Readonly<Record<string, unknown>> | undefined {
  const manifest = manifestOf(analysis);
  if (manifest === null) return undefined;
  const lists = [manifest.functions, manifest.queues, manifest.topics, manifest.buses, manifest.streams, manifest.tables] as const;
  for (const list of lists) {
    const spec = (list as readonly { readonly name: string }[]).find((s) => s.name === name);
    if (spec === undefined) continue;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(spec)) {
      // Types are shown on their own line of the hover; the name and origin are the hover's subject.
      if (key === 'name' || key === 'origin' || key === 'input' || key === 'output' || key === 'message' || key === 'record' || key === 'item') continue;
      out[key] = value;
    }
    return out;
  }
  return undefined;
}

function manifestOf(analysis: Analysis): FlowManifest | null {
  let manifest = manifests.get(analysis);
  if (manifest !== undefined) return manifest;
  const { checked, source } = analysis.result;
  manifest = null;
  if (checked !== undefined && !analysis.diagnostics.some((d) => d.severity === 'error')) {
    manifest = lowerToManifest(checked, source);
  }
  manifests.set(analysis, manifest);
  return manifest;
}
