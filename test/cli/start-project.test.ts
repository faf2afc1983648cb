// The README's "Start your own project" (issue 16 §1), run as it is written: the commands are
// read from the README, so the section and this test cannot drift apart. flowc is packed from
// this checkout, the project is made in a temporary folder and installs the tarball; npm takes
// the packages from its cache (`npm ci` of this checkout put them there): prefer-offline.
// Slow (npm install): in the `slow` vitest project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'flowc-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The first ```sh block of the README's section, as the lines a person types (comments dropped). */
function readmeCommands(heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  const end = readme.indexOf('\n## ', start + 1);
  const block = /```sh\n(.*?)```/s.exec(readme.slice(start, end))?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}

/**
 * The environment of a person's shell, without what vitest sets for its own workers. The
 * packages come from npm's cache; `dist/` was built by the test setup, so packing runs no
 * script (that would rebuild `dist/` under the other tests).
 */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(key)) env[key] = value;
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_ignore_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
    ...extra,
  };
}

function run(script: string, cwd: string): { status: number | null; output: string } {
  const result = spawnSync('bash', ['-c', `set -euxo pipefail\n${script}`], { cwd, env: shellEnv({ FLOWC: repo }), encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('README: Start your own project', () => {
  const commands = readmeCommands('Start your own project');

  test('the section names the checkout first, then packs, inits, installs, builds, type-checks, tests and simulates', () => {
    expect(commands[0]).toBe('FLOWC=~/src/flowc');
    expect(commands.map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual([
      'FLOWC=~/src/flowc',
      'npm pack',
      'node "$FLOWC/bin/flowc.js"',
      'cd my-app',
      'npm install',
      'npx flowc',
      'npx tsc',
      'npx vitest',
      'npx flowc',
    ]);
  });

  test('its commands, run in an empty folder with the tarball of this checkout, all pass', { timeout: 600_000 }, () => {
    // The checkout is this one: the test gives FLOWC instead of the README's example path.
    const { status, output } = run(commands.slice(1).join('\n'), work);
    expect(status, output).toBe(0);
    const project = join(work, 'my-app');
    expect(existsSync(join(project, 'out/template.yaml'))).toBe(true);
    expect(existsSync(join(project, 'generated/flow.ts'))).toBe(true);
    expect(output).toMatch(/Tests\s+2 passed/);
    expect(output).toContain('to Grace: Bonjour, Grace!');
    expect(output).toMatch(/summary at \+\S+ · seed 1/);
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['flowc']).toMatch(/^file:\.\.\/flowc-.*\.tgz$/);
  });

  test.each(['shop', 'stream'])('the %s template, with the flowc installed there, builds, type-checks, passes its test and simulates', { timeout: 300_000 }, (template) => {
    const project = join(work, 'my-app');
    expect(existsSync(join(project, 'node_modules/.bin/flowc')), 'the README test ran first').toBe(true);
    const bin = (name: string) => join(project, 'node_modules/.bin', name);
    const folder = join(work, `${template}-app`);
    expect(run(`${bin('flowc')} init ${folder} --template ${template}`, work).status).toBe(0);
    symlinkSync(join(project, 'node_modules'), join(folder, 'node_modules'));
    const flow = template === 'shop' ? 'shop.flow' : 'clicks.flow';
    const { status, output } = run(
      [`${bin('flowc')} build ${flow} -o out`, `${bin('tsc')} -p tsconfig.json`, `${bin('vitest')} run`, `${bin('flowc')} sim ${flow} --events events.json`].join('\n'),
      folder,
    );
    expect(status, output).toBe(0);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).toMatch(/summary at \+/);
  });
});
