import { createHash } from 'node:crypto';
import { dirname, relative, resolve, sep } from 'node:path';
import { handlerFile } from '../../../runtime/manifest/handler-path.js';
import { BuildMemory } from '../build-memory.js';
import { displayPathFor, type Host, HostError } from '../host.js';
import { type DiagnosticFormat, UsageError } from '../report.js';
import { runBuild } from './build.js';
import { runCheck } from './check.js';
import { runSim } from './sim.js';

export interface WatchOptions {
  /** With an output folder, every run is a `build`; without, a `check`. */
  readonly outDir?: string | undefined;
  readonly templateFormat: 'yaml' | 'json';
  readonly generatedDir: string;
  readonly diagnosticFormat: DiagnosticFormat;
  /** Re-run the simulation with these events after every clean run. */
  readonly events?: string | undefined;
  readonly until?: string | undefined;
  readonly seed?: string | undefined;
  /** How long to wait for more changes after one (an editor saves a file in several writes). */
  readonly debounceMs?: number;
  /** Ends the watch (Ctrl-C in the CLI); the promise then resolves with 0. */
  readonly signal: AbortSignal;
}

/** 100 ms: long enough to gather an editor's save (write, rename, chmod), short enough to feel immediate. */
const DEFAULT_DEBOUNCE_MS = 100;

/** Clears the screen and the scrollback, and puts the cursor home (ECMA-48 ED 2, ED 3, CUP). */
const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

/** Files whose change re-runs: sources and data a handler may import or read. */
const WATCHED_EXTENSIONS = /\.(flow|[cm]?[jt]sx?|json)$/;

/**
 * `flowc watch FILE [-o DIR] [--events FILE]`: checks (or builds, with `-o`) the flow now and
 * after every change of the .flow file, a handler or the events file, and re-runs the
 * simulation when an events file is given. On a terminal each run replaces the last one's
 * output; in a log, runs are separated by a header line.
 *
 * What is watched: the .flow file's folder, and each folder holding a handler (recursively,
 * for the modules handlers import), without the generated folder and the output folder, so a
 * build never wakes the watch up. A change is a file whose content differs from what the watch
 * last saw: editors that touch a file without changing it, and the stubs a build creates, do
 * not re-run. The folders are worked out again after every run (a new function may bring a
 * new handler folder).
 */
export async function runWatch(host: Host, file: string, options: WatchOptions): Promise<number> {
  // A run after an edit redoes only what the edit changed (build-memory.ts).
  const memory = new BuildMemory();
  const watchFolder = host.watchFolder?.bind(host);
  if (watchFolder === undefined) throw new UsageError('this environment cannot watch files');
  if (options.signal.aborted) return 0;
  const flowPath = resolve(host.cwd, file);
  const flowDir = dirname(flowPath);
  const eventsPath = options.events === undefined ? undefined : resolve(host.cwd, options.events);
  const ignored = [resolve(flowDir, options.generatedDir), ...(options.outDir !== undefined ? [resolve(host.cwd, options.outDir)] : [])];
  const show = displayPathFor(host.cwd);
  const seen = new Map<string, string | undefined>();
  const watchers = new Map<string, () => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let changedWhileRunning: string[] = [];
  let pending: string[] = [];

  // Outputs, dependencies and hidden folders (.git, the simulator's temporary bundles) are not sources.
  const isIgnored = (path: string) =>
    ignored.some((folder) => path === folder || path.startsWith(folder + sep)) ||
    relative(flowDir, path)
      .split(sep)
      .some((part) => part === 'node_modules' || (part.startsWith('.') && part !== '..'));
  const relevant = (path: string) => path === flowPath || path === eventsPath || (WATCHED_EXTENSIONS.test(path) && !isIgnored(path));

  const onChange = (path: string) => {
    if (!relevant(path)) return;
    const now = fingerprint(host, path);
    if (seen.has(path) && seen.get(path) === now) return;
    seen.set(path, now);
    if (running) {
      changedWhileRunning.push(path);
      return;
    }
    pending.push(path);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void cycle(), options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  };

  /** Watches exactly these folders: new ones are added, gone ones closed. */
  const watchExactly = (folders: ReadonlyMap<string, boolean>) => {
    for (const [folder, close] of watchers) {
      if (!folders.has(folder)) {
        close();
        watchers.delete(folder);
      }
    }
    for (const [folder, recursive] of folders) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(folder, watchFolder(folder, { recursive }, onChange));
      } catch (error) {
        // A handler folder that does not exist yet is watched once a build has created it.
        if (!(error instanceof HostError)) throw error;
      }
    }
  };

  const cycle = async () => {
    timer = undefined;
    running = true;
    const changed = pending;
    pending = [];
    const handlersBefore = handlerFiles(host, file, flowDir, memory);
    if (host.stdoutIsTTY) host.stdout(CLEAR_SCREEN);
    const why = changed.length === 0 ? 'first run' : `${[...new Set(changed)].map(show).join(', ')} changed`;
    host.stderr(`── flowc watch ${show(flowPath)} · ${clockTime()} · ${why} ──\n`);
    try {
      const code =
        options.outDir !== undefined
          ? await runBuild(host, [file], {
              outDir: options.outDir,
              templateFormat: options.templateFormat,
              diagnosticFormat: options.diagnosticFormat,
              denyWarnings: false,
              generatedDir: options.generatedDir,
              typescript: true,
              memory,
            })
          : await runCheck(host, [file], { format: options.diagnosticFormat, denyWarnings: false, memory });
      if (code === 0 && eventsPath !== undefined) await runSim(host, file, { events: eventsPath, until: options.until, seed: options.seed, format: 'text' });
    } catch (error) {
      // One failed run (an unreadable file, a bad events file) is reported; the watch goes on.
      if (error instanceof UsageError || error instanceof HostError) host.stderr(`flowc: error: ${error.message}\n`);
      else host.stderr(`flowc: internal error FL9002: ${(error as Error)?.message ?? String(error)}\n`);
    }
    const handlersAfter = handlerFiles(host, file, flowDir, memory);
    // What this run wrote (new stubs) is not a change to run again for.
    for (const path of handlersAfter) if (!handlersBefore.has(path)) seen.set(path, fingerprint(host, path));
    watchExactly(watchedFolders(flowDir, handlersAfter, eventsPath));
    host.stderr(`watching for changes (Ctrl-C to stop)\n`);
    running = false;
    const during = changedWhileRunning.filter((path) => !(handlersAfter.has(path) && !handlersBefore.has(path)));
    changedWhileRunning = [];
    if (during.length > 0 && !options.signal.aborted) {
      pending.push(...during);
      timer = setTimeout(() => void cycle(), options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    }
  };

  for (const path of [flowPath, ...(eventsPath !== undefined ? [eventsPath] : []), ...handlerFiles(host, file, flowDir, memory)]) seen.set(path, fingerprint(host, path));
  await cycle();

  await new Promise<void>((done) => options.signal.addEventListener('abort', () => done(), { once: true }));
  if (timer !== undefined) clearTimeout(timer);
  for (const close of watchers.values()) close();
  // A run in progress (a simulation) finishes before the process exits; it prints nothing more.
  host.stderr('flowc watch: stopped\n');
  return 0;
}

/** The handler files of the flow as it is now (none when it does not compile); the compile is the run's, from memory. */
function handlerFiles(host: Host, file: string, flowDir: string, memory: BuildMemory): Set<string> {
  let bytes: Uint8Array;
  try {
    bytes = host.readFile(resolve(host.cwd, file));
  } catch (error) {
    if (error instanceof HostError) return new Set();
    throw error;
  }
  const manifest = memory.compile(file, bytes).manifest;
  return new Set((manifest?.functions ?? []).map((fn) => handlerFile(flowDir, fn.handler)));
}

/** The .flow file's folder (not recursively: it often holds node_modules), each handler folder inside it recursively, and the events file's folder. */
function watchedFolders(flowDir: string, handlers: ReadonlySet<string>, eventsPath: string | undefined): Map<string, boolean> {
  const folders = new Map<string, boolean>([[flowDir, false]]);
  for (const path of handlers) {
    const folder = dirname(path);
    const top = relative(flowDir, folder).split(sep)[0];
    // Handlers beside the .flow file are seen by its folder's watch.
    if (top !== undefined && top !== '') folders.set(resolve(flowDir, top), true);
  }
  if (eventsPath !== undefined && !folders.has(dirname(eventsPath))) folders.set(dirname(eventsPath), false);
  return folders;
}

/** A file's content hash, or undefined when it cannot be read (deleted, a folder). */
function fingerprint(host: Host, path: string): string | undefined {
  try {
    return createHash('sha256').update(host.readFile(path)).digest('hex');
  } catch (error) {
    if (error instanceof HostError) return undefined;
    throw error;
  }
}

function clockTime(): string {
  return new Date().toTimeString().slice(0, 8);
}
