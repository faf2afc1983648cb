import type { FileSystemHost, RuntimeDirEntry } from 'ts-morph';
import { type Host, HostError } from './host.js';

/**
 * The Host as ts-morph's file system, for the type check of the handlers (`--types`), with
 * `overlay`'s files (absolute paths: the handlers as read, the generated module as this flow
 * makes it) over the disk. Reads only: the checker never writes, so writing is refused.
 */
export function readOnlyFileSystem(host: Host, overlay: ReadonlyMap<string, string>): FileSystemHost {
  const refuse = (): never => {
    throw new HostError('the type check of the handlers writes nothing');
  };
  const readText = (path: string): string => {
    const text = overlay.get(path);
    if (text !== undefined) return text;
    try {
      return new TextDecoder().decode(host.readFile(path));
    } catch (error) {
      // ts-morph tells a missing file by this code (FileUtils.isNotExistsError).
      if (error instanceof HostError) throw Object.assign(new Error(error.message), { code: 'ENOENT' });
      throw error;
    }
  };
  const isFile = (path: string) => overlay.has(path) || host.inspect(path).kind === 'file';
  const isDirectory = (path: string) => host.inspect(path).kind === 'directory' || [...overlay.keys()].some((file) => file.startsWith(`${path}/`));
  return {
    isCaseSensitive: () => true,
    delete: async () => refuse(),
    deleteSync: refuse,
    readDirSync: (dir: string): RuntimeDirEntry[] => {
      let names: string[];
      try {
        names = host.listFolder(dir);
      } catch (error) {
        if (error instanceof HostError) return [];
        throw error;
      }
      return names.map((name) => {
        const path = `${dir}/${name}`;
        return { name, isFile: isFile(path), isDirectory: isDirectory(path), isSymlink: false };
      });
    },
    readFile: async (path: string) => readText(path),
    readFileSync: readText,
    writeFile: async () => refuse(),
    writeFileSync: refuse,
    mkdir: async () => refuse(),
    mkdirSync: refuse,
    move: async () => refuse(),
    moveSync: refuse,
    copy: async () => refuse(),
    copySync: refuse,
    fileExists: async (path: string) => isFile(path),
    fileExistsSync: isFile,
    directoryExists: async (path: string) => isDirectory(path),
    directoryExistsSync: isDirectory,
    realpathSync: (path: string) => path,
    getCurrentDirectory: () => host.cwd,
    glob: async () => [],
    globSync: () => [],
  };
}
