import type { Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES_EXPRESSION } from './dispatch.js';
import { SDK_MODULES } from './modules.js';

const NAMESPACE = 'flowc-sim-sdk';

/**
 * The TypeScript source of `flowc/runtime` in the flowc package that is running: found by
 * walking up from this module (runtime/sim/sdk/ from source, dist/ from the CLI bundle) to the
 * package.json named flowc. Generated code imports `flowc/runtime`; bundling its source means
 * the simulator needs no build of dist/runtime and always runs the runtime it ships with.
 */
function runtimeSource(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'flowc') {
          const source = join(dir, 'runtime', 'index.ts');
          return existsSync(source) ? source : undefined;
        }
      } catch {
        // not a package.json we can read: keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * An esbuild plugin that replaces the AWS SDK client packages in handler bundles by modules
 * that read the simulator's stand-ins (sdk/modules.ts) from a global, so handler code — and the
 * generated clients it calls — writes to the simulated resources, with no SDK installed and no
 * network. Importing a command the simulator does not model fails the bundle with a clear
 * message naming it. `flowc/runtime` is bundled from its source (see runtimeSource).
 */
export function simulatedSdkPlugin(): Plugin {
  const packages = Object.keys(SDK_MODULES);
  const filter = new RegExp(`^(${packages.map((name) => name.replace(/[/\\^$*+?.()|[\]{}-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'flowc-sim-sdk',
    setup(build) {
      const runtime = runtimeSource();
      if (runtime !== undefined) build.onResolve({ filter: /^flowc\/runtime$/ }, () => ({ path: runtime }));
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const names = Object.keys(SDK_MODULES[args.path] ?? {});
        return {
          contents: `const simulated = ${MODULES_EXPRESSION}[${JSON.stringify(args.path)}];\nexport const { ${names.join(', ')} } = simulated;\n`,
          loader: 'js',
        };
      });
    },
  };
}
