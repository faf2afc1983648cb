#!/usr/bin/env node
// The flowc command. Runs the compiled bundle in dist/ (built by `npm run build`, which
// `npm ci` runs through `prepare`): no TypeScript loader at run time, and a V8 code cache so
// that each command compiles its code once per version of flowc and Node (bin/code-cache.js).
import { runCli } from './code-cache.js';

process.exitCode = await runCli(process.argv.slice(2));
