import { posix, win32 } from 'node:path';

/**
 * Which `flowc` starts the language server (`flowc lsp`): the `flowc.path` setting when it is
 * set, else the workspace's own `node_modules/.bin/flowc` (the version the project pins, as
 * `npx flowc` would run), else `flowc` on the PATH. A pure function of what it is given, so
 * that the tests need no VS Code and no file system.
 */
export interface ServerLookup {
  /** The `flowc.path` setting; empty or absent when not set. */
  readonly configured?: string | undefined;
  /** The workspace folders, in order: the first that has flowc wins. */
  readonly workspaceFolders: readonly string[];
  /**
   * Whether the user trusts the workspace. A workspace's `node_modules/.bin/flowc` is the
   * workspace's code, so an untrusted workspace gets only a flowc from outside it: the PATH
   * or an absolute `flowc.path` (which VS Code then reads from the user's settings only).
   */
  readonly trusted: boolean;
  /** The `PATH` environment variable. */
  readonly pathEnv?: string | undefined;
  readonly platform: string;
  /** Whether `path` is a file that can be run. */
  readonly isExecutable: (path: string) => boolean;
}

export type ServerCommand =
  | {
      readonly found: true;
      readonly command: string;
      /** `--stdio` is added by the client's stdio transport. */
      readonly args: readonly string[];
      readonly from: 'setting' | 'workspace' | 'path';
      /** A Windows `.cmd` shim runs only through the shell (Node refuses to spawn it directly). */
      readonly shell: boolean;
    }
  | { readonly found: false; readonly message: string };

export function findServer(lookup: ServerLookup): ServerCommand {
  const windows = lookup.platform === 'win32';
  const path = windows ? win32 : posix;
  // npm installs `flowc.cmd` (and a shell script) on Windows, `flowc` elsewhere.
  const names = windows ? ['flowc.cmd', 'flowc.exe', 'flowc'] : ['flowc'];
  const found = (command: string, from: 'setting' | 'workspace' | 'path'): ServerCommand => ({
    found: true,
    command,
    args: ['lsp'],
    from,
    shell: windows && /\.(cmd|bat)$/i.test(command),
  });
  const onPath = (candidates: readonly string[]): string | undefined => {
    for (const dir of (lookup.pathEnv ?? '').split(path.delimiter)) {
      if (dir === '') continue;
      for (const name of candidates) {
        const candidate = path.join(dir, name);
        if (lookup.isExecutable(candidate)) return candidate;
      }
    }
    return undefined;
  };

  const configured = lookup.configured?.trim() ?? '';
  if (configured !== '') {
    if (path.isAbsolute(configured)) {
      return lookup.isExecutable(configured) ? found(configured, 'setting') : notFound(`\`flowc.path\` is ${configured}, which is not an executable file.`);
    }
    // A bare command name (`flowc`, `flowc-dev`) is looked up on the PATH, like a shell would.
    if (!configured.includes('/') && !(windows && configured.includes('\\'))) {
      const command = onPath(windows ? [configured, `${configured}.cmd`, `${configured}.exe`] : [configured]);
      return command !== undefined ? found(command, 'setting') : notFound(`\`flowc.path\` is ${configured}, which is not on the PATH.`);
    }
    // A relative path is relative to a workspace folder.
    if (!lookup.trusted) return notFound(`\`flowc.path\` is ${configured}, a path inside the workspace, and the workspace is not trusted.`);
    for (const folder of lookup.workspaceFolders) {
      const candidate = path.resolve(folder, configured);
      if (lookup.isExecutable(candidate)) return found(candidate, 'setting');
    }
    return notFound(`\`flowc.path\` is ${configured}, which is not an executable file in ${lookup.workspaceFolders.length === 0 ? 'the workspace (no folder is open)' : lookup.workspaceFolders.join(', ')}.`);
  }

  for (const folder of lookup.trusted ? lookup.workspaceFolders : []) {
    for (const name of names) {
      const candidate = path.join(folder, 'node_modules', '.bin', name);
      if (lookup.isExecutable(candidate)) return found(candidate, 'workspace');
    }
  }
  const command = onPath(names);
  if (command !== undefined) return found(command, 'path');
  if (!lookup.trusted) return notFound('flowc is not on the PATH, and the workspace\'s node_modules/.bin is not used until you trust the workspace. Trust it, install flowc globally, or set `flowc.path` in your user settings.');
  return notFound('flowc was not found in the workspace\'s node_modules/.bin nor on the PATH. Install it in the project (`npm install --save-dev flowc`) or globally, or set `flowc.path`.');
}

function notFound(reason: string): ServerCommand {
  return { found: false, message: `flowc language server not started: ${reason}` };
}
