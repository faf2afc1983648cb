#!/usr/bin/env node
// The flowc command. Runs the compiled bundle in dist/ (built by `npm run build`, which
// `npm ci` runs through `prepare`): no TypeScript loader at run time, and a V8 code cache so
// that each command compiles its code once per version of flowc and Node (bin/code-cache.js).
import { createRequire } from 'node:module';

const argv = process.argv.slice(2);
// An unchanged `flowc build` is replayed before the CLI, or even its launcher, is loaded
// (compiler/cli/early-replay.ts).
const replayed = argv.includes('build') ? createRequire(import.meta.url)('../dist/replay.cjs').launch(argv) : undefined;
process.exitCode = replayed ?? (await (await import('./code-cache.js')).runCli(argv));
