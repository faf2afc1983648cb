import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve as resolvePath } from 'node:path';

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
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a file; throws a HostError with a one-line reason when it cannot. With `limit`, reads
   * at most that many bytes, whatever the file is (a pipe, `/dev/zero`): a longer one gives
   * exactly `limit` bytes, so the caller can tell it is too long without holding all of it.
   */
  readFile(path: string, limit?: number): Uint8Array;
  fileExists(path: string): boolean;
  /** Writes a file atomically (a temporary file in the same folder, then a rename), creating folders. */
  writeFileAtomic(path: string, content: string | Uint8Array): void;
  /** Writes a file only if none exists; returns whether it wrote. Never overwrites user code. */
  writeFileIfAbsent(path: string, content: string): boolean;
  removeTree(path: string): void;
  /**
   * Asks a yes/no question on the terminal (`flowc deploy`): true only for `y` or `yes`.
   * Only meaningful when stdin and stdout are terminals; hosts that can never ask omit it.
   */
  confirm?(question: string): Promise<boolean>;
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
    stdinIsTTY: process.stdin.isTTY === true,
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
    fileExists(path) {
      // existsSync: no Stats object and no exception for a missing file (`flowc build` asks about every handler).
      return existsSync(path);
    },
    writeFileAtomic(path, content) {
      makeDirectories(dirname(path));
      const temporary = `${path}.flowc-tmp-${process.pid}`;
      try {
        writeFileSync(temporary, content);
        renameSync(temporary, path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw new HostError(describeFsError(error, path));
      }
    },
    writeFileIfAbsent(path, content) {
      makeDirectories(dirname(path));
      try {
        // 'wx' fails if the file exists: the check and the write are one step, no race.
        writeFileSync(path, content, { flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw new HostError(describeFsError(error, path));
      }
    },
    removeTree(path) {
      rmSync(path, { recursive: true, force: true });
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
  };
}

/** The first `limit` bytes of a file, read a piece at a time: an endless file stops there. */
function readAtMost(path: string, limit: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(limit);
    let length = 0;
    while (length < limit) {
      const read = readSync(fd, buffer, length, Math.min(1 << 20, limit - length), null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
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
    default:
      return `${path}: ${(error as Error).message}`;
  }
}

/** Paths in messages are shown relative to the working directory when that is shorter. */
export function displayPathFor(cwd: string): (path: string) => string {
  return (path) => {
    const relativePath = relative(cwd, resolvePath(cwd, path));
    return relativePath.startsWith('..') || relativePath === '' ? path : relativePath;
  };
}
