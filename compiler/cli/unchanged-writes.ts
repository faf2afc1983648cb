import { type Host, HostError } from './host.js';

/**
 * The host `flowc watch` builds on: a file written with the bytes it already holds is left
 * alone (neither written nor renamed, its time kept), so a run after a one-line edit writes only
 * the templates and module whose bytes changed. The file is read to compare, which costs less
 * than writing it and trusts nothing remembered. Every other member is the host's.
 */
export function skippingUnchangedWrites(host: Host): Host {
  const skipping: Host = {
    cwd: host.cwd,
    env: host.env,
    stdoutIsTTY: host.stdoutIsTTY,
    stdinIsTTY: host.stdinIsTTY,
    stderrIsTTY: host.stderrIsTTY,
    stdout: (text) => host.stdout(text),
    stderr: (text) => host.stderr(text),
    readFile: (path, limit) => host.readFile(path, limit),
    fileExists: (path) => host.fileExists(path),
    readStdin: (limit) => host.readStdin(limit),
    inspect: (path) => host.inspect(path),
    listFolder: (path) => host.listFolder(path),
    writeFileAtomic(path, content) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      if (!holds(host, path, bytes)) host.writeFileAtomic(path, content);
    },
    writeFileIfAbsent: (path, content) => host.writeFileIfAbsent(path, content),
    removeFile: (path) => host.removeFile(path),
  };
  if (host.confirm !== undefined) skipping.confirm = host.confirm.bind(host);
  if (host.watchFolder !== undefined) skipping.watchFolder = host.watchFolder.bind(host);
  return skipping;
}

/** Whether the file at `path` is exactly `bytes`. */
function holds(host: Host, path: string, bytes: Uint8Array): boolean {
  const info = host.inspect(path);
  if (info.kind !== 'file' || info.size !== bytes.byteLength) return false;
  try {
    const now = host.readFile(path, bytes.byteLength + 1);
    return now.byteLength === bytes.byteLength && Buffer.compare(now, bytes) === 0;
  } catch (error) {
    if (error instanceof HostError) return false;
    throw error;
  }
}
