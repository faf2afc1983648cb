import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlow } from '../../../../bench/generate.js';
import type { FlowManifest } from '../../../../runtime/manifest/schema.js';
import { fixtureFolders, fixturesRoot } from '../../../helpers/fixtures.js';
import { manifestOf, manifestOfFile } from './compile.js';

const root = new URL('../../../../', import.meta.url).pathname;

/** Every example, every valid fixture, and a generated flow of 100 functions: the apps whose templates the IAM and ordering tests read. */
export const allApps: readonly { readonly name: string; readonly manifest: () => FlowManifest }[] = [
  ...readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: `examples/${e.name}`, manifest: () => manifestOfFile(join(root, 'examples', e.name, `${e.name}.flow`)) })),
  ...fixtureFolders('valid').map((name) => ({ name: `fixtures/valid/${name}`, manifest: () => manifestOfFile(join(fixturesRoot, 'valid', name, 'input.flow')) })),
  { name: 'bench flow of 100 functions', manifest: () => manifestOf('app.flow', generateFlow(100)) },
];
