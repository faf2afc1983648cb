import { accessSync, closeSync, constants, existsSync, watch, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve as resolvePath } from 'node:path';
import { isatty } from 'node:tty';

/** What is at a path (`Host.inspect`), following symlinks. */
export type PathInfo =
  | { readonly kind: 'missing' }
  | { readonly kind: 'file'; readonly size: number }
  /** `writable`: whether this process may create files in it. */
  | { readonly kind: 'directory'; readonly writable: boolean }
  /** A dangling symlink, a socket, a device, or a path that cannot be looked at (`reason` says which). */
  | { readonly kind: 'other'; readonly reason: string };

/**
 * Everything the CLI does to the outside world. The real host uses Node; tests pass an
 * in-memory one, so commands are tested in-process with exact output and exit codes.
 */
export interface Host {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, prompts). */
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  /** Standard error is a terminal: long work may redraw one progress line there (compiler/cli/progress-line.ts). */
  readonly stderrIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a file; throws a HostError with a one-line reason when it cannot. With `limit`, reads
   * at most that many bytes, whatever the file is (a pipe, `/dev/zero`): a longer one gives
   * exactly `limit` bytes, so the caller can tell it is too long without holding all of it.
   */
  readFile(path: string, limit?: number): Uint8Array;
  fileExists(path: string): boolean;
  /** Reads standard input to its end, at most `limit` bytes (`flowc fmt -`); throws a HostError. */
  readStdin(limit: number): Uint8Array;
  /** What is at `path`; never throws. */
  inspect(path: string): PathInfo;
  /** The names of the entries of a folder; throws a HostError. */
  listFolder(path: string): string[];
  /** Writes a file atomically (a temporary file in the same folder, then a rename), creating folders. */
  writeFileAtomic(path: string, content: string | Uint8Array): void;
  /**
   * Creates a file only if none exists; returns whether it wrote. Never overwrites: the content
   * goes to a temporary file first, which is then hard-linked into place (`link` fails when the
   * name exists, and makes the file appear whole, never half written).
   */
  writeFileIfAbsent(path: string, content: string): boolean;
  /** Removes one file (never a folder); throws a HostError. */
  removeFile(path: string): void;
  /**
   * Asks a yes/no question on the terminal (`flowc deploy`): true only for `y` or `yes`.
   * Only meaningful when stdin and stdout are terminals; hosts that can never ask omit it.
   */
  confirm?(question: string): Promise<boolean>;
  /**
   * Calls `onChange` with the path of every file created, changed or removed in `folder`
   * (`flowc watch`); returns what stops watching. Throws a HostError when the folder cannot be
   * watched. Events may come more than once for one change: callers compare contents.
   */
  watchFolder?(folder: string, options: { readonly recursive: boolean }, onChange: (path: string) => void): () => void;
}

export class HostError extends Error {}

let quietOnClosedPipe = false;

export function nodeHost(): Host {
  // `flowc explain | head` closes the pipe early: that is the reader's choice, not an error.
  if (!quietOnClosedPipe) {
    quietOnClosedPipe = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    // Asked of the descriptor: `process.stdin` makes a stream (a few milliseconds of every run) that most commands never read.
    stdinIsTTY: isatty(0),
    stderrIsTTY: process.stderr.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile(path, limit) {
      let stats;
      try {
        stats = statSync(path);
      } catch (error) {
        throw new HostError(describeFsError(error, path));
      }
      if (stats.isDirectory()) throw new HostError(`${path}: a directory, not a .flow file`);
      try {
        // A regular file's size is known; anything else (a pipe, a device) is read with a cap.
        if (limit === undefined || (stats.isFile() && stats.size <= limit)) return readFileSync(path);
        return readAtMost(path, limit);
      } catch (error) {
        throw new HostError(describeFsError(error, path));
      }
    },
    readStdin(limit) {
      try {
        return readFdAtMost(0, limit);
      } catch (error) {
        throw new HostError(describeFsError(error, 'standard input'));
      }
    },
    fileExists(path) {
      // existsSync: no Stats object and no exception for a missing file.
      return existsSync(path);
    },
    inspect(path) {
      return inspectPath(path);
    },
    listFolder(path) {
      try {
        return readdirSync(path);
      } catch (error) {
        throw new HostError(describeFsError(error, path));
      }
    },
    writeFileAtomic(path, content) {
      makeDirectories(dirname(path));
      const temporary = temporaryPath(path);
      try {
        writeFileSync(temporary, content, { flag: 'wx' });
        renameSync(temporary, path);
      } catch (error) {
        removeQuietly(temporary);
        throw new HostError(describeFsError(error, path));
      }
    },
    writeFileIfAbsent(path, content) {
      makeDirectories(dirname(path));
      const temporary = temporaryPath(path);
      try {
        writeFileSync(temporary, content, { flag: 'wx' });
        linkSync(temporary, path);
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return false;
        // A file system without hard links (FAT, exFAT, some network shares) says EPERM or
        // ENOTSUP: create the file exclusively instead. Exclusive still, but a process killed
        // mid-write leaves a prefix of the stub, which the next build recognises and re-creates.
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return writeExclusive(path, content);
        throw new HostError(describeFsError(error, path));
      } finally {
        removeQuietly(temporary);
      }
    },
    removeFile(path) {
      try {
        unlinkSync(path);
      } catch (error) {
        throw new HostError(describeFsError(error, path));
      }
    },
    async confirm(question) {
      const { createInterface } = await import('node:readline/promises');
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      // Ctrl-C at the prompt is a "no", not a prompt that waits forever.
      const interrupted = new AbortController();
      prompt.on('SIGINT', () => interrupted.abort());
      try {
        return /^\s*y(es)?\s*$/i.test(await prompt.question(question, { signal: interrupted.signal }));
      } catch (error) {
        if ((error as Error).name === 'AbortError') return false;
        throw error;
      } finally {
        prompt.close();
      }
    },
    watchFolder(folder, options, onChange) {
      let watcher;
      try {
        // Recursive watching is native on Linux from Node 19.1, and on macOS and Windows.
        watcher = watch(folder, { recursive: options.recursive, persistent: true }, (_event, name) => {
          if (name !== null) onChange(join(folder, name.toString()));
        });
      } catch (error) {
        throw new HostError(describeFsError(error, folder));
      }
      // A watched folder that is removed ends its watch; the next run watches what exists then.
      watcher.on('error', () => watcher.close());
      return () => watcher.close();
    },
  };
}

function inspectPath(path: string): PathInfo {
  try {
    const stats = statSync(path);
    if (stats.isFile()) return { kind: 'file', size: stats.size };
    if (stats.isDirectory()) return { kind: 'directory', writable: isWritable(path) };
    return { kind: 'other', reason: 'not a regular file or folder' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // A symlink whose target is missing: writing through it would create a file elsewhere.
      try {
        if (lstatSync(path).isSymbolicLink()) return { kind: 'other', reason: 'a symbolic link to nothing' };
      } catch {
        // Nothing there at all.
      }
      return { kind: 'missing' };
    }
    return { kind: 'other', reason: describeFsError(error, path).replace(`${path}: `, '') };
  }
}

function isWritable(directory: string): boolean {
  try {
    accessSync(directory, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Removes a temporary file of this process, if it is there; a failure leaves a hidden file, nothing worse. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing to add to the error being reported.
  }
}

let temporaryCount = 0;

/** A hidden name beside `path`, unique in this process: `.charge.ts.flowc-tmp-<pid>-<n>`. */
function temporaryPath(path: string): string {
  temporaryCount += 1;
  return join(dirname(path), `.${basename(path)}.flowc-tmp-${process.pid}-${temporaryCount}`);
}

function writeExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new HostError(describeFsError(error, path));
  }
  try {
    writeFileSync(fd, content);
    return true;
  } catch (error) {
    // The file is this process's own (it was just created): nothing of the user's is removed.
    removeQuietly(path);
    throw new HostError(describeFsError(error, path));
  } finally {
    closeSync(fd);
  }
}

/** The first `limit` bytes of a file, read a piece at a time: an endless file stops there. */
function readAtMost(path: string, limit: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    return readFdAtMost(fd, limit);
  } finally {
    closeSync(fd);
  }
}

/**
 * `mkdir -p`, one level at a time. Node 20's `mkdirSync(…, { recursive: true })` never returns
 * for some paths (under /proc, for one), and an output folder must fail, not hang.
 */
function makeDirectories(directory: string): void {
  const missing: string[] = [];
  let current = resolvePath(directory);
  while (!existsSync(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new HostError(describeFsError(error, folder));
    }
  }
}

function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EISDIR':
      return `${path} is a directory, not a file`;
    case 'ENOTDIR':
      return `${path}: a part of the path is not a directory`;
    case 'ENOSPC':
      return `${path}: no space left on the device`;
    case 'EROFS':
      return `${path}: a read-only file system`;
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      // Node refuses a path with a NUL byte before asking the file system.
      return `${JSON.stringify(path)}: a path cannot contain a NUL character`;
    default:
      return `${path}: ${(error as Error).message}`;
  }
}

/** Paths in messages are shown relative to the working directory when that is shorter. */
export function displayPathFor(cwd: string): (path: string) => string {
  // Each path worked out once: a build shows the .flow file in every handler's diagnostic and
  // plans a thousand outputs, and resolve plus relative costs more than the lookup.
  const shown = new Map<string, string>();
  return (path) => {
    let display = shown.get(path);
    if (display === undefined) {
      const relativePath = relative(cwd, resolvePath(cwd, path));
      display = relativePath.startsWith('..') || relativePath === '' ? path : relativePath;
      shown.set(path, display);
    }
    return display;
  };
}

/** Reads an open file to its end, at most `limit` bytes; a non-blocking pipe (EAGAIN) is waited on. */
function readFdAtMost(fd: number, limit: number): Uint8Array {
  const buffer = Buffer.allocUnsafe(limit);
  let length = 0;
  while (length < limit) {
    let read: number;
    try {
      read = readSync(fd, buffer, length, Math.min(1 << 20, limit - length), null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}
