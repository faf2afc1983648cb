// `npm run package` in editors/vscode builds the .vsix (slow: it installs the extension's own
// dependencies when they are missing, type-checks, bundles and zips). The package holds exactly
// what the installed extension reads, and its bundle loads with `vscode` left to the editor.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const extension = join(root, 'editors/vscode');
const scratch = mkdtempSync(join(tmpdir(), 'flowc-vsix-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the VS Code extension package', () => {
  test('npm run package writes a .vsix with the manifest, grammar, configuration and bundle', () => {
    if (!existsSync(join(extension, 'node_modules'))) {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: extension, stdio: 'pipe', timeout: 300_000 });
    }
    const vsix = join(scratch, 'flowc.vsix');
    execFileSync(process.execPath, ['scripts/package.js', vsix], { cwd: extension, stdio: 'pipe', timeout: 300_000 });
    const files = unzipSync(readFileSync(vsix));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/dist/extension.cjs',
      'extension/language-configuration.json',
      'extension/package.json',
      'extension/readme.md',
      'extension/syntaxes/flow.tmLanguage.json',
    ]);
    const manifest = new TextDecoder().decode(files['extension.vsixmanifest']);
    expect(manifest).toContain('Id="flowc-vscode"');
    expect(manifest).toContain('Publisher="flowc"');

    // The bundle is CommonJS, requires `vscode` (the editor provides it) and exports the hooks.
    const required: string[] = [];
    // A stand-in for the editor's API: every member is itself, callable and a class to extend.
    const stub: object = new Proxy(function vscode() {}, { get: (_, key) => (key === 'prototype' ? {} : stub), apply: () => stub, construct: () => stub });
    const req = createRequire(join(extension, 'dist/extension.cjs'));
    const Module = req('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = (request, ...rest) => {
      if (request === 'vscode') {
        required.push(request);
        return stub;
      }
      return load(request, ...rest);
    };
    try {
      const bundle = req(join(extension, 'dist/extension.cjs')) as { activate?: unknown; deactivate?: unknown };
      expect(typeof bundle.activate).toBe('function');
      expect(typeof bundle.deactivate).toBe('function');
    } finally {
      Module._load = load;
    }
    expect(required).toContain('vscode');
  }, 600_000);
});
