// `flowc init` (issue 16 §1): a new project from a template, never over an existing file.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { TEMPLATE_NAMES } from '../../compiler/cli/project-templates.js';
import { MemoryHost } from '../helpers/memory-host.js';

const flowcPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  files: string[];
  devDependencies: Record<string, string>;
};

/** Every path the host holds under `/work`, relative. */
function paths(host: MemoryHost): string[] {
  return [...host.files.keys()].map((path) => path.replace(/^\/work\//, '')).sort();
}

describe('flowc init', () => {
  test('writes the minimal project into a new folder, named after it, depending on this flowc', async () => {
    const host = new MemoryHost();
    expect(await main(['init', 'my-app'], host)).toBe(0);
    expect(paths(host)).toEqual([
      'my-app/.gitignore',
      'my-app/events.json',
      'my-app/handlers/deliver.ts',
      'my-app/handlers/greet.ts',
      'my-app/hello.flow',
      'my-app/package.json',
      'my-app/test/hello.test.ts',
      'my-app/tsconfig.json',
    ]);
    const manifest = JSON.parse(host.text('my-app/package.json') ?? '') as { name: string; dependencies: Record<string, string> };
    expect(manifest.name).toBe('my-app');
    expect(manifest.dependencies).toEqual({ flowc: `^${flowcPackage.version}` });
    expect(host.text('my-app/.gitignore')).toContain('node_modules/');
    expect(host.err).toBe('created 8 files of a flowc project (template minimal) in my-app\n');
    expect(host.out).toContain('  cd my-app\n');
    expect(host.out).toContain('  npx flowc build hello.flow -o out\n');
  });

  test('the current folder by default; a folder name npm cannot take is made one it can', async () => {
    const host = new MemoryHost('/work/My Shop!');
    expect(await main(['init', '--template', 'shop'], host)).toBe(0);
    expect(JSON.parse(host.text('/work/My Shop!/package.json') ?? '').name).toBe('my-shop');
    expect(host.out).not.toContain('cd ');
  });

  test('the handlers are implemented, not stubs that throw', async () => {
    for (const template of TEMPLATE_NAMES) {
      const host = new MemoryHost();
      expect(await main(['init', 'p', '--template', template], host)).toBe(0);
      const handlers = paths(host).filter((path) => path.startsWith('p/handlers/'));
      expect(handlers.length, template).toBeGreaterThan(0);
      for (const path of handlers) expect(host.text(path), path).not.toContain('is not implemented yet');
    }
  });

  test.each(TEMPLATE_NAMES)('the %s template builds without a diagnostic', async (template) => {
    const host = new MemoryHost();
    expect(await main(['init', 'p', '--template', template], host)).toBe(0);
    const flow = paths(host).find((path) => /^p\/[^/]+\.flow$/.test(path)) as string;
    const built = new MemoryHost();
    for (const path of paths(host)) built.addFile(path, host.text(path) ?? '');
    expect(await main(['build', flow, '-o', 'p/out', '--diagnostics', 'short', '--deny-warnings'], built)).toBe(0);
    expect(built.out).toBe('');
    // Every handler was there already: build created none and kept them all.
    expect(paths(built).filter((path) => path.startsWith('p/handlers/'))).toEqual(paths(host).filter((path) => path.startsWith('p/handlers/')));
    expect(built.text('p/out/template.yaml')).toContain('AWSTemplateFormatVersion');
    expect(built.text('p/generated/flow.ts')).toContain('export interface Flow');
  });

  test('refuses when any of its files exists, lists every one, and writes nothing (FL9026)', async () => {
    const host = new MemoryHost().addFile('my-app/package.json', '{"name":"mine"}\n').addFile('my-app/handlers/greet.ts', '// mine\n');
    expect(await main(['init', 'my-app'], host)).toBe(2);
    expect(host.err).toBe(
      'flowc: error FL9026: flowc init would overwrite 2 existing files in my-app: handlers/greet.ts, package.json\n' +
        '  = help: flowc init never replaces a file: run it in a new folder (`flowc init my-app`) or move these files away; nothing was written\n',
    );
    expect(paths(host)).toEqual(['my-app/handlers/greet.ts', 'my-app/package.json']);
    expect(host.text('my-app/package.json')).toBe('{"name":"mine"}\n');
    expect(host.out).toBe('');
  });

  test('files of its own that a folder already holds are fine; a file where a folder must be is FL9004', async () => {
    const host = new MemoryHost().addFile('my-app/README.md', '# notes\n');
    expect(await main(['init', 'my-app'], host)).toBe(0);
    expect(host.text('my-app/README.md')).toBe('# notes\n');

    const blocked = new MemoryHost().addFile('my-app', 'a file\n');
    expect(await main(['init', 'my-app'], blocked)).toBe(2);
    expect(blocked.err).toContain('flowc: error FL9004: cannot write my-app/package.json (package.json of the new project): my-app is a file, not a folder\n');
    expect(blocked.err).toContain('give `flowc init` another folder');
    expect(paths(blocked)).toEqual(['my-app']);
  });

  test('an unknown template is a usage error that names the known ones', async () => {
    const host = new MemoryHost();
    expect(await main(['init', 'p', '--template', 'big'], host)).toBe(2);
    expect(host.err).toContain('minimal, shop, stream');
    expect(paths(host)).toEqual([]);
  });

  test("the templates' tools are the versions flowc is tested with, and ship in the package", () => {
    for (const template of TEMPLATE_NAMES) {
      const manifest = JSON.parse(readFileSync(new URL(`../../templates/${template}/package.json`, import.meta.url), 'utf8')) as {
        devDependencies: Record<string, string>;
      };
      for (const [name, version] of Object.entries(manifest.devDependencies)) expect(`${name}@${version}`).toBe(`${name}@${flowcPackage.devDependencies[name]}`);
    }
    expect(flowcPackage.files).toContain('templates');
  });
});
