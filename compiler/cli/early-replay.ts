import { noteReplayTried, type ProbingHost, type ReplayedBuild, replayBuild } from './build-replay.js';
import { cacheId } from './cache-file.js';
import { type Host, nodeHost } from './host.js';
import { replayHost } from './replay-host.js';

/**
 * `flowc build` replayed before the CLI is loaded: bin/flowc.js runs this module's bundle
 * (dist/replay.cjs, a few dozen kilobytes) first, and loads the CLI (1.4 MB, its code cache,
 * commander) only when there is no record of this command line or something it read changed.
 * The record, its key and the rules of trust are build-replay.ts's and cache-file.ts's, the
 * same modules the CLI replays with, bundled again (docs/performance.md, "Incremental builds").
 *
 * The command line is not parsed here: a record exists only for a command line whose build
 * ran (main.ts records the build action, with this build of flowc: the same parse), and its
 * key holds the whole command line, so finding the record is knowing the parse. What is needed
 * to find it is the first .flow file, which any word after the command may be: build-replay.ts
 * uses a record only from where its own first .flow file puts it.
 */
export function replayUnchangedBuild(argv: readonly string[], host: Host, probing?: ProbingHost): ReplayedBuild | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  // The options that turn the replay off (main.ts): no record of such a command line is ever written.
  if (words[0] !== 'build' || argv.includes('--no-cache') || argv.includes('--type-check')) return undefined;
  const id = cacheId(host);
  return id === undefined ? undefined : replayBuild(host, id, argv, words.slice(1), probing);
}

/**
 * The launcher's entry: the exit code of the replayed build, having written what it wrote, or
 * undefined (and then the CLI runs, without trying the replay again).
 */
export function launch(argv: readonly string[]): number | undefined {
  let replayed: ReplayedBuild | undefined;
  try {
    replayed = replayUnchangedBuild(argv, nodeHost(), replayHost);
  } catch {
    // A replay only ever saves time: whatever went wrong, the CLI builds (and reports what it finds).
    return undefined;
  }
  if (replayed === undefined) {
    noteReplayTried(argv);
    return undefined;
  }
  if (replayed.stdout.byteLength > 0) process.stdout.write(replayed.stdout);
  if (replayed.stderr.byteLength > 0) process.stderr.write(replayed.stderr);
  return replayed.exitCode;
}
