#!/usr/bin/env node
// The flowc command. Runs the compiled bundle in dist/ (built by `npm run build`, which
// `npm ci` runs through `prepare`): no TypeScript loader at run time.
import { main } from '../dist/flowc.js';

process.exitCode = await main(process.argv.slice(2));
