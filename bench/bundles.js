// `node bench/bundles.js`: the size of every example function's bundle as `flowc package` makes
// it (issue 14 §5): the module, its source map and the zip of both, in bytes, and which of the
// runtime's trigger helpers the module holds. The generated module builds every function's
// helper, each marked `@__PURE__`, so esbuild keeps only the one the handler imports; a bundle
// that held another would show here. Writes nothing: docs/deploy.md quotes one run.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../scripts/load-ts.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { bundleHandler } = await loadTs(`${root}compiler/deploy/bundle.ts`);
const { deterministicZip } = await loadTs(`${root}compiler/deploy/zip.ts`);
const helpers = ['sqsTrigger', 'snsTrigger', 'kinesisTrigger', 'dynamodbTrigger', 'busTrigger'];
const text = (bytes) => new TextDecoder().decode(bytes);

console.log('| example | fn | index.mjs | index.mjs.map | zip | trigger helpers |');
console.log('| --- | --- | ---: | ---: | ---: | --- |');
for (const example of readdirSync(`${root}examples`).sort()) {
  const dir = `${root}examples/${example}/`;
  let handlers;
  try {
    handlers = readdirSync(`${dir}handlers`).filter((file) => file.endsWith('.ts')).sort();
  } catch {
    continue;
  }
  for (const file of handlers) {
    const files = await bundleHandler({ entry: `handlers/${file}`, workingDir: dir, runtime: 'nodejs24.x', fileName: 'index.mjs' });
    const module = files.get('index.mjs');
    const used = helpers.filter((helper) => text(module).includes(`function ${helper}(`));
    console.log(`| ${example} | ${file.replace(/\.ts$/, '')} | ${module.length} | ${files.get('index.mjs.map').length} | ${deterministicZip(files).length} | ${used.join(', ') || '–'} |`);
  }
}
