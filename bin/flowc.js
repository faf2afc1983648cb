#!/usr/bin/env node
// The flowc command. Runs the compiled bundle in dist/ (built by `npm run build`, which
// `npm ci` runs through `prepare`): no TypeScript loader at run time, and a V8 code cache so
// that each command compiles its code once per version of flowc and Node (bin/code-cache.js).
// CommonJS (bin/package.json): an ES-module entry point would cost every run Node's ES-module loader.
'use strict';
const argv = process.argv.slice(2);
// An unchanged `flowc build` is replayed before the CLI, or even its launcher, is loaded
// (compiler/cli/early-replay.ts).
const replayed = argv.includes('build') ? require('../dist/replay.cjs').launch(argv) : undefined;
if (replayed !== undefined) process.exitCode = replayed;
else
  require('./code-cache.js')
    .runCli(argv)
    .then((code) => {
      process.exitCode = code;
    });
