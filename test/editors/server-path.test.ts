// Which flowc the VS Code extension starts (editors/vscode/src/server-path.ts): the setting,
// then the workspace's node_modules/.bin, then the PATH, else a message that says what to do.
import { describe, expect, test } from 'vitest';
import { findServer, type ServerLookup } from '../../editors/vscode/src/server-path.js';

/** A lookup over a fake file system: `executables` are the files that can be run. */
function lookup(executables: readonly string[], overrides: Partial<ServerLookup> = {}): ServerLookup {
  const files = new Set(executables);
  return { workspaceFolders: ['/work/app'], trusted: true, pathEnv: '/usr/local/bin:/usr/bin', platform: 'linux', isExecutable: (p) => files.has(p), ...overrides };
}

describe('findServer', () => {
  test('prefers the workspace\'s node_modules/.bin/flowc to the PATH', () => {
    expect(findServer(lookup(['/work/app/node_modules/.bin/flowc', '/usr/bin/flowc']))).toEqual({
      found: true,
      command: '/work/app/node_modules/.bin/flowc',
      args: ['lsp'],
      from: 'workspace',
      shell: false,
    });
  });

  test('takes the first workspace folder that has flowc', () => {
    const server = findServer(lookup(['/work/b/node_modules/.bin/flowc'], { workspaceFolders: ['/work/a', '/work/b'] }));
    expect(server).toMatchObject({ found: true, command: '/work/b/node_modules/.bin/flowc', from: 'workspace' });
  });

  test('falls back to the PATH, in its order, skipping empty entries', () => {
    const server = findServer(lookup(['/usr/bin/flowc', '/opt/bin/flowc'], { pathEnv: '::/usr/bin:/opt/bin' }));
    expect(server).toMatchObject({ found: true, command: '/usr/bin/flowc', from: 'path' });
  });

  test('says what to do when flowc is nowhere', () => {
    const server = findServer(lookup([], { pathEnv: undefined }));
    expect(server.found).toBe(false);
    if (server.found) return;
    expect(server.message).toContain('npm install --save-dev flowc');
    expect(server.message).toContain('flowc.path');
  });

  test('an absolute flowc.path wins over the workspace and the PATH', () => {
    const server = findServer(lookup(['/opt/flowc/bin/flowc', '/work/app/node_modules/.bin/flowc'], { configured: '/opt/flowc/bin/flowc' }));
    expect(server).toMatchObject({ found: true, command: '/opt/flowc/bin/flowc', from: 'setting' });
  });

  test('a flowc.path that does not exist is reported, not silently replaced by another flowc', () => {
    const server = findServer(lookup(['/work/app/node_modules/.bin/flowc'], { configured: '/nowhere/flowc' }));
    expect(server).toEqual({ found: false, message: expect.stringContaining('`flowc.path` is /nowhere/flowc, which is not an executable file') });
  });

  test('a relative flowc.path is relative to the workspace folder', () => {
    const server = findServer(lookup(['/work/app/tools/flowc'], { configured: './tools/flowc' }));
    expect(server).toMatchObject({ found: true, command: '/work/app/tools/flowc', from: 'setting' });
  });

  test('a flowc.path that is a command name is looked up on the PATH', () => {
    expect(findServer(lookup(['/usr/bin/flowc-dev'], { configured: 'flowc-dev' }))).toMatchObject({ found: true, command: '/usr/bin/flowc-dev', from: 'setting' });
    expect(findServer(lookup([], { configured: 'flowc-dev' }))).toEqual({ found: false, message: expect.stringContaining('not on the PATH') });
  });

  test('an untrusted workspace never runs its own flowc: the PATH and absolute paths only', () => {
    const executables = ['/work/app/node_modules/.bin/flowc', '/work/app/tools/flowc', '/usr/bin/flowc'];
    expect(findServer(lookup(executables, { trusted: false }))).toMatchObject({ found: true, command: '/usr/bin/flowc', from: 'path' });
    expect(findServer(lookup(executables, { trusted: false, configured: './tools/flowc' }))).toEqual({ found: false, message: expect.stringContaining('not trusted') });
    expect(findServer(lookup(executables, { trusted: false, configured: '/usr/bin/flowc' }))).toMatchObject({ found: true, from: 'setting' });
    const nowhere = findServer(lookup(['/work/app/node_modules/.bin/flowc'], { trusted: false }));
    expect(nowhere).toEqual({ found: false, message: expect.stringContaining('trust the workspace') });
  });

  test('a blank flowc.path counts as not set', () => {
    expect(findServer(lookup(['/usr/bin/flowc'], { configured: '  ' }))).toMatchObject({ found: true, from: 'path' });
  });

  test('on Windows: npm\'s flowc.cmd shim, `;` between PATH entries, and the shell to run a .cmd', () => {
    const windows = { platform: 'win32', workspaceFolders: ['C:\\work\\app'], pathEnv: 'C:\\Windows;C:\\tools' };
    expect(findServer(lookup(['C:\\work\\app\\node_modules\\.bin\\flowc.cmd'], windows))).toEqual({
      found: true,
      command: 'C:\\work\\app\\node_modules\\.bin\\flowc.cmd',
      args: ['lsp'],
      from: 'workspace',
      shell: true,
    });
    expect(findServer(lookup(['C:\\tools\\flowc.exe'], windows))).toMatchObject({ found: true, command: 'C:\\tools\\flowc.exe', from: 'path', shell: false });
  });
});
