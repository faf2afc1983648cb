import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FlowManifest } from '../manifest/schema.js';
import { Addresses } from './addresses.js';
import { HandlerEnvironment } from './environment.js';
import { SimulationInputError } from './errors.js';
import { importModule } from './import-module.js';
import { resolveOptions, type SimOptions } from './options.js';
import { activeResources, type ResourceCounts } from './real-loop.js';
import { registerModules } from './sdk/dispatch.js';
import { SDK_MODULES } from './sdk/modules.js';
import { simulatedSdkPlugin } from './sdk/plugin.js';
import type { Handler } from './services/lambda.js';

export interface LoadedHandlers {
  readonly handlers: Map<string, Handler>;
  /** Functions whose handler file does not exist: invoking them fails with Runtime.HandlerNotFound. */
  readonly missing: readonly string[];
  /** What kept the process alive just before the modules were imported: give it to the Simulator (`SimulatorSetup`). */
  readonly hostResources: ResourceCounts;
}

/**
 * Loads the handler of every function from its source file (`FunctionSpec.handler`, relative to
 * the .flow file's folder): esbuild bundles them in one pass, with the AWS SDK client packages
 * replaced by the simulator's (sdk/plugin.ts), into a temporary folder beside the flow — so bare
 * imports resolve from the user's node_modules — which is removed once the modules are imported.
 * Module-level code runs at import with the function's environment (send targets included).
 */
export interface LoadOptions {
  /** Functions whose handler comes from elsewhere (a test's inline handler). */
  readonly skip?: ReadonlySet<string>;
  /** The options the simulation will run with: the region and account shape the environment modules see when imported. */
  readonly options?: SimOptions;
}

export async function loadHandlers(manifest: FlowManifest, flowDir: string, { skip = new Set(), options = {} }: LoadOptions = {}): Promise<LoadedHandlers> {
  const entries: Record<string, string> = {};
  const missing: string[] = [];
  for (const fn of manifest.functions) {
    if (skip.has(fn.name)) continue;
    const path = resolve(flowDir, fn.handler);
    if (existsSync(path)) entries[fn.name] = path;
    else missing.push(fn.name);
  }
  const handlers = new Map<string, Handler>();
  if (Object.keys(entries).length === 0) return { handlers, missing, hostResources: activeResources() };
  registerModules(SDK_MODULES);
  let hostResources = activeResources();
  const outdir = mkdtempSync(join(flowDir, '.flowc-tmp-sim-'));
  try {
    try {
      await build({
        entryPoints: entries,
        outdir,
        bundle: true,
        // One self-contained file per function, lazily imported SDK modules included: nothing is
        // loaded from the temporary folder after it is gone, and, as on Lambda, each function has
        // its own copy of module state.
        splitting: false,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        outExtension: { '.js': '.mjs' },
        sourcemap: 'inline',
        plugins: [simulatedSdkPlugin()],
        // CommonJS dependencies inside an ESM bundle need a require.
        banner: { js: "import { createRequire as __flowcSimRequire } from 'node:module'; const require = __flowcSimRequire(import.meta.url);" },
        logLevel: 'silent',
      });
    } catch (error) {
      const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ?? [];
      const lines = errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text));
      throw new SimulationInputError(`the handlers could not be bundled:\n${lines.length > 0 ? lines.join('\n') : (error as Error).message}`);
    }
    // Module-level code reads its environment when imported (`const url = process.env.FLOWC_QUEUE_X`).
    const resolved = resolveOptions(options);
    const addresses = new Addresses(manifest, resolved.region, resolved.account);
    const environment = new HandlerEnvironment(manifest.app, manifest.functions, addresses.sendTargetVariables(manifest), resolved.region, resolved.parameterValues);
    hostResources = activeResources();
    try {
      for (const [fn, path] of Object.entries(entries)) {
        environment.enter(fn);
        const module = (await importModule(pathToFileURL(join(outdir, `${fn}.mjs`)).href)) as { handler?: unknown; default?: { handler?: unknown } };
        const handler = module.handler ?? module.default?.handler;
        if (typeof handler !== 'function') throw new SimulationInputError(`${path} does not export a \`handler\` function`);
        handlers.set(fn, handler as Handler);
      }
    } finally {
      environment.restore();
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  return { handlers, missing, hostResources };
}
