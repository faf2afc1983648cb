import { dirname, join, resolve, sep } from 'node:path';
import { isCacheFile, isRecord, readCacheFile, readCacheFileAndBytes, writeCacheFile } from './cache-file.js';
import { contentHash } from './content-hash.js';
import { type Host, HostError, type PathInfo } from './host.js';

/**
 * Unchanged rebuilds: `flowc build` run again on inputs it has seen prints what it printed and
 * writes nothing, without compiling (make's up-to-date check, done by content).
 *
 * A build runs on a recording host: every file it reads (by the hash of the bytes), every path
 * it looks at, every folder it lists, and every file it leaves behind is noted (but for the
 * caches of `.flowc/`, whose hits give what their misses compute), with what it
 * printed and its exit code. The next build with the same command line (and the same build of
 * flowc, working directory, terminal and colour settings) first replays those probes against
 * the file system: when every one finds what the recorded build found, and every file it wrote
 * still holds what it wrote, the recorded build is what this one would do byte for byte (the
 * build is a function of what it reads), so its output is printed again and the build ends.
 * Any difference, and the build runs as usual and records itself. A build that wrote something
 * it had read before (a template that changed) is replayed only once nothing changes any more:
 * its probes saw the old bytes.
 *
 * The records live in `.flowc/` beside the first .flow file, one file per command line
 * (`build-<key>.json`) and an index of the last few (`builds.json`); cache-file.ts: trusted only
 * from this build of flowc. What the build printed is kept as the bytes it wrote, after the
 * record's line of JSON: a replay writes them without decoding or encoding them again.
 *
 * The launcher replays a build before it loads the CLI (early-replay.ts), with this module and
 * the same rules; main.ts replays too, for a CLI run without the launcher.
 */

const FORMAT = 'flowc build records';
const RECORD_FORMAT = 'flowc build record';

/** Command lines remembered: a build alternating between JSON and YAML templates, a few stages. */
const RECORDS_KEPT = 8;

type Probe =
  | { readonly op: 'read'; readonly path: string; readonly limit: number | null; readonly hash: string | null }
  | { readonly op: 'inspect'; readonly path: string; readonly info: string }
  | { readonly op: 'list'; readonly path: string; readonly names: readonly string[] | null }
  | { readonly op: 'exists'; readonly path: string; readonly value: boolean };

interface BuildRecord {
  readonly key: string;
  /** The first .flow file of the command line, as written: where the record is (`recordsPath`). */
  readonly flow: string;
  readonly probes: readonly Probe[];
  /** Each file the build wrote, with the hash of its content; null for one it removed. */
  readonly written: readonly (readonly [string, string | null])[];
  /** How many of the bytes after the record's line are standard output; the rest are standard error. */
  readonly stdoutBytes: number;
  readonly exitCode: number;
}

/** What a replayed build prints (the bytes its recorded build wrote) and its exit code. */
export interface ReplayedBuild {
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
  readonly exitCode: number;
}

export interface BuildReplay {
  /** The host the build must run on, to be recorded. */
  readonly host: Host;
  /** Stores the record of the build that ran on `host`, when it can be replayed. */
  save(exitCode: number): void;
}

/** What decides a build besides the files: the command line, where it runs, how it prints. */
function keyOf(host: Host, id: string, argv: readonly string[]): string {
  const env = ['NO_COLOR', 'FORCE_COLOR', 'TERM'].map((name) => host.env[name] ?? null);
  return contentHash(JSON.stringify([id, argv, host.cwd, host.stdoutIsTTY, host.stderrIsTTY, env]));
}

function recordsPath(host: Host, firstFlow: string): string {
  return join(dirname(resolve(host.cwd, firstFlow)), '.flowc', 'builds.json');
}

/**
 * The recorded build of this command line when nothing it read has changed; otherwise undefined,
 * and `recordBuild` is the way to run the build. `flows` holds the first .flow file of the
 * command line (main.ts knows it), or every word of it that may be that file (the launcher,
 * which has not parsed the command line): a record is used only from where its own first .flow
 * file puts it, so among the words only that one can find it.
 */
export function replayBuild(host: Host, id: string, argv: readonly string[], flows: readonly string[], probing: ProbingHost = (host) => host): ReplayedBuild | undefined {
  const key = keyOf(host, id, argv);
  const paths = new Set(flows.map((flow) => recordPath(host, flow, key)));
  for (const path of paths) {
    const loaded = loadRecord(host, path, id, key);
    if (loaded === undefined || !flows.includes(loaded.record.flow) || recordPath(host, loaded.record.flow, key) !== path) continue;
    return holds(host, loaded.record, probing) ? loaded.printed : undefined;
  }
  return undefined;
}

/** Prints a replayed build's output through a host that takes text (main.ts; the launcher writes the bytes). */
export function printReplayed(host: Host, replayed: ReplayedBuild): void {
  if (replayed.stdout.byteLength > 0) host.stdout(new TextDecoder().decode(replayed.stdout));
  if (replayed.stderr.byteLength > 0) host.stderr(new TextDecoder().decode(replayed.stderr));
}

/** The host a replay probes on, given the paths it will read (replay-host.ts): `host` itself or one that asks it the same in fewer calls. */
export type ProbingHost = (host: Host, reads: ReadonlySet<string>) => Host;

function holds(host: Host, record: BuildRecord, probing: ProbingHost): boolean {
  const reads = readLimits(record);
  const probed = probing(host, new Set(reads.keys()));
  const contents = new FileContents(probed, reads);
  if (!record.probes.every((probe) => probeHolds(probed, probe, contents))) return false;
  return record.written.every(([path, content]) => (content === null ? probed.inspect(path).kind === 'missing' : contents.hash(path, null) === content));
}

/** Each path a replay reads, at the largest limit the record has for it (null: no limit). */
function readLimits(record: BuildRecord): Map<string, number | null> {
  const limits = new Map<string, number | null>();
  const widen = (path: string, limit: number | null) => {
    const known = limits.get(path);
    limits.set(path, known === null || limit === null ? null : Math.max(known ?? 0, limit));
  };
  for (const probe of record.probes) if (probe.op === 'read') widen(probe.path, probe.limit);
  for (const [path, content] of record.written) if (content !== null) widen(path, null);
  return limits;
}

/**
 * The launcher's note that it tried to replay this command line before loading the CLI and
 * found the build changed (early-replay.ts), so that main.ts does not try again: a global,
 * as the launcher's bundle and the CLI's share nothing else.
 */
const REPLAY_TRIED = Symbol.for('flowc.buildReplayTried');

export function noteReplayTried(argv: readonly string[]): void {
  (globalThis as Record<symbol, unknown>)[REPLAY_TRIED] = JSON.stringify(argv);
}

/** Whether the launcher tried this command line's replay already; the note is used once. */
export function replayTried(argv: readonly string[]): boolean {
  const global = globalThis as Record<symbol, unknown>;
  const tried = global[REPLAY_TRIED] === JSON.stringify(argv);
  delete global[REPLAY_TRIED];
  return tried;
}

export function recordBuild(host: Host, id: string, argv: readonly string[], firstFlow: string): BuildReplay {
  const probes = new Map<string, Probe>();
  const written = new Map<string, string | null>();
  // As printed, a piece at a time: the bytes of each piece are what the host wrote.
  const stdout: string[] = [];
  const stderr: string[] = [];
  let replayable = true;
  // The caches of `.flowc/` are not inputs: a hit gives the bytes a miss computes (the handlers'
  // facts, the printed texts), so a replay neither checks them nor fails when one was evicted.
  const caches = dirname(recordsPath(host, firstFlow)) + sep;
  const isCache = (path: string) => path.startsWith(caches);
  const note = (probe: Probe, limit = '') => {
    if (isCache(probe.path)) return;
    const at = `${probe.op} ${limit} ${probe.path}`;
    if (!probes.has(at)) probes.set(at, probe);
  };
  // Every member spelled out: a host may be a class, whose methods a spread would not copy.
  // No `confirm` and no `watchFolder`: a build asks nothing and watches nothing.
  const recording: Host = {
    cwd: host.cwd,
    env: host.env,
    stdoutIsTTY: host.stdoutIsTTY,
    stdinIsTTY: host.stdinIsTTY,
    stderrIsTTY: host.stderrIsTTY,
    stdout(text) {
      stdout.push(text);
      host.stdout(text);
    },
    stderr(text) {
      stderr.push(text);
      host.stderr(text);
    },
    readFile(path, limit) {
      try {
        const bytes = host.readFile(path, limit);
        note({ op: 'read', path, limit: limit ?? null, hash: contentHash(bytes) }, String(limit));
        return bytes;
      } catch (error) {
        if (error instanceof HostError) note({ op: 'read', path, limit: limit ?? null, hash: null }, String(limit));
        throw error;
      }
    },
    fileExists(path) {
      const value = host.fileExists(path);
      note({ op: 'exists', path, value });
      return value;
    },
    inspect(path) {
      const info = host.inspect(path);
      note({ op: 'inspect', path, info: infoText(info) });
      return info;
    },
    listFolder(path) {
      try {
        const names = host.listFolder(path);
        note({ op: 'list', path, names: [...names].sort() });
        return names;
      } catch (error) {
        if (error instanceof HostError) note({ op: 'list', path, names: null });
        throw error;
      }
    },
    readStdin(limit) {
      replayable = false;
      return host.readStdin(limit);
    },
    writeFileAtomic(path, content) {
      host.writeFileAtomic(path, content);
      if (!isCache(path)) written.set(path, contentHash(content));
    },
    writeFileIfAbsent(path, content) {
      const wrote = host.writeFileIfAbsent(path, content);
      // Created or not, the file there is now what the next build must find: read it then.
      written.set(path, readHash(host, path, null));
      return wrote;
    },
    removeFile(path) {
      host.removeFile(path);
      if (!isCache(path)) written.set(path, null);
    },
  };
  return {
    host: recording,
    save(exitCode) {
      // Only the verdicts of a build are replayed: an output problem or an internal error is looked at again.
      if (!replayable || (exitCode !== 0 && exitCode !== 1)) return;
      const key = keyOf(host, id, argv);
      const [out, err] = [encodePieces(stdout), encodePieces(stderr)];
      const printed = new Uint8Array(out.byteLength + err.byteLength);
      printed.set(out);
      printed.set(err, out.byteLength);
      const record: BuildRecord = { key, flow: firstFlow, probes: [...probes.values()], written: [...written], stdoutBytes: out.byteLength, exitCode };
      saveRecord(host, firstFlow, id, record, printed);
    },
  };
}

function probeHolds(host: Host, probe: Probe, contents: FileContents): boolean {
  switch (probe.op) {
    case 'read':
      return contents.hash(probe.path, probe.limit) === probe.hash;
    case 'inspect':
      return infoText(host.inspect(probe.path)) === probe.info;
    case 'exists':
      return host.fileExists(probe.path) === probe.value;
    case 'list': {
      let names: string[] | null;
      try {
        names = [...host.listFolder(probe.path)].sort();
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
        names = null;
      }
      return JSON.stringify(names) === JSON.stringify(probe.names);
    }
  }
}

/**
 * The files a replay reads, each once: a build reads some files twice (a handler's start, then
 * all of it; a template for its marker, then as written), and the replay reads each at the
 * largest limit the record has for it and hashes the prefixes the probes read.
 */
class FileContents {
  private readonly bytes = new Map<string, Uint8Array | null>();
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly host: Host,
    private readonly limits: ReadonlyMap<string, number | null>,
  ) {}

  /** The hash of what `host.readFile(path, limit)` returns now, or null when it throws. */
  hash(path: string, limit: number | null): string | null {
    const bytes = this.read(path);
    if (bytes === null) return null;
    // Keyed by the bytes hashed: a limit at or past the end of the file reads all of it, so a
    // handler read for its start and then whole is hashed once.
    const length = limit === null ? bytes.byteLength : Math.min(limit, bytes.byteLength);
    const at = `${length} ${path}`;
    let hash = this.hashes.get(at);
    if (hash === undefined) {
      hash = contentHash(length === bytes.byteLength ? bytes : bytes.subarray(0, length));
      this.hashes.set(at, hash);
    }
    return hash;
  }

  private read(path: string): Uint8Array | null {
    if (!this.bytes.has(path)) {
      let bytes: Uint8Array | null;
      try {
        bytes = this.host.readFile(path, this.limits.get(path) ?? undefined);
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
        bytes = null;
      }
      this.bytes.set(path, bytes);
    }
    return this.bytes.get(path) ?? null;
  }
}

function readHash(host: Host, path: string, limit: number | null): string | null {
  try {
    return contentHash(host.readFile(path, limit ?? undefined));
  } catch (error) {
    if (error instanceof HostError) return null;
    throw error;
  }
}

function infoText(info: PathInfo): string {
  return info.kind === 'file' ? `file ${info.size}` : info.kind === 'directory' ? `directory ${info.writable}` : info.kind;
}

function encodePieces(pieces: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const encoded = pieces.map((piece) => encoder.encode(piece));
  const bytes = new Uint8Array(encoded.reduce((sum, piece) => sum + piece.byteLength, 0));
  let at = 0;
  for (const piece of encoded) {
    bytes.set(piece, at);
    at += piece.byteLength;
  }
  return bytes;
}

/**
 * One file per command line (`.flowc/build-<key>.json`), so a replay parses only its own
 * record, and an index (`.flowc/builds.json`) of the keys, most recent first, to keep the last
 * few and remove the others.
 */
function recordPath(host: Host, firstFlow: string, key: string): string {
  return join(dirname(recordsPath(host, firstFlow)), `build-${key.slice(0, 16)}.json`);
}

function loadRecord(host: Host, path: string, id: string, key: string): { record: BuildRecord; printed: ReplayedBuild } | undefined {
  const cache = readCacheFileAndBytes(host, path, RECORD_FORMAT, id);
  if (cache === undefined || !isRecordShape(cache.data, cache.bytes.byteLength) || cache.data.key !== key) return undefined;
  const record = cache.data as unknown as BuildRecord;
  const printed = { stdout: cache.bytes.subarray(0, record.stdoutBytes), stderr: cache.bytes.subarray(record.stdoutBytes), exitCode: record.exitCode };
  return { record, printed };
}

function saveRecord(host: Host, firstFlow: string, id: string, record: BuildRecord, printed: Uint8Array): void {
  const indexPath = recordsPath(host, firstFlow);
  const index = readCacheFile(host, indexPath, FORMAT, id)?.keys;
  const known = Array.isArray(index) ? index.filter((k): k is string => typeof k === 'string' && /^[\w-]{16}$/.test(k)) : [];
  const short = record.key.slice(0, 16);
  const keys = [short, ...known.filter((k) => k !== short)];
  writeCacheFile(host, recordPath(host, firstFlow, record.key), RECORD_FORMAT, id, record as unknown as Record<string, unknown>, printed);
  writeCacheFile(host, indexPath, FORMAT, id, { keys: keys.slice(0, RECORDS_KEPT) });
  // The records of other command lines, and those of other builds of flowc (whose index is not
  // read), are removed: only files flowc wrote (their format says so).
  const kept = new Set(keys.slice(0, RECORDS_KEPT).map((k) => `build-${k}.json`));
  let names: string[];
  try {
    names = host.listFolder(dirname(indexPath));
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    names = [];
  }
  for (const name of names) {
    const path = join(dirname(indexPath), name);
    if (!/^build-[\w-]{16}\.json$/.test(name) || kept.has(name) || !isCacheFile(host, path, RECORD_FORMAT)) continue;
    try {
      host.removeFile(path);
    } catch (error) {
      if (!(error instanceof HostError)) throw error;
    }
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isHashOrNull = (value: unknown) => value === null || isString(value);

function isProbe(value: unknown): boolean {
  if (!isRecord(value) || !isString(value.path)) return false;
  switch (value.op) {
    case 'read':
      return (value.limit === null || Number.isSafeInteger(value.limit)) && isHashOrNull(value.hash);
    case 'inspect':
      return isString(value.info);
    case 'exists':
      return typeof value.value === 'boolean';
    case 'list':
      return value.names === null || (Array.isArray(value.names) && value.names.every(isString));
    default:
      return false;
  }
}

/** A record read back is untrusted input: every field is checked, or the records are not used. */
function isRecordShape(value: unknown, printedBytes: number): boolean {
  return (
    isRecord(value) &&
    isString(value.key) &&
    isString(value.flow) &&
    Array.isArray(value.probes) &&
    value.probes.every(isProbe) &&
    Array.isArray(value.written) &&
    value.written.every((w) => Array.isArray(w) && w.length === 2 && isString(w[0]) && isHashOrNull(w[1])) &&
    Number.isSafeInteger(value.stdoutBytes) &&
    (value.stdoutBytes as number) >= 0 &&
    (value.stdoutBytes as number) <= printedBytes &&
    Number.isSafeInteger(value.exitCode)
  );
}
