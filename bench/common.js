// What the benchmark scripts share: their command line (`--name N` options, `--flag` switches), medians, a clock,
// a copy of the built CLI.
import { cpSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);

/** The number after `name` on the command line, or `fallback` when it is not given. */
export function numberOption(name, fallback) {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
}

/** Whether the switch `name` is on the command line. */
export function flag(name) {
  return args.includes(name);
}

/** The middle of the values (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A monotonic clock in milliseconds. */
export function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * A copy of the built CLI (bin/, dist/, package.json) under `folder`, and the path of its
 * bin/flowc.js: the benchmark runs it, so a build of dist/ meanwhile (the test suite's setup
 * rebuilds it) cannot pull the bundle from under a measurement. Packages still resolve from
 * the repository's node_modules, a parent of `folder`.
 */
export function copyOfCli(root, folder) {
  rmSync(folder, { recursive: true, force: true });
  for (const part of ['bin', 'dist', 'package.json']) cpSync(`${root}${part}`, `${folder}/${part}`, { recursive: true });
  return `${folder}/bin/flowc.js`;
}
