// The lint configuration keeps the layers of ARCHITECTURE.md: eslint's Node API lints snippets
// as if they were files of a folder, and the config must reject what that folder may not import.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });
// The config is JavaScript (eslint reads it without a build step), so its exports are typed here.
const config = (await import(`${root}eslint.config.js`)) as { layers: Record<string, string[]>; pureFolders: string[] };
const { layers, pureFolders } = config;

/** The rule ids eslint reports for `code` written as the file `path` (relative to the repository). */
async function lintAs(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('the lint zones', () => {
  test.each([
    ['compiler/check/probe.ts', "import { runCheck } from '../cli/commands/check.js';\nexport const x = runCheck;\n", 'compiler/check may import only'],
    ['compiler/settings/probe.ts', "import { lowerToManifest } from '../lower/to-manifest.js';\nexport const x = lowerToManifest;\n", 'compiler/settings may import only'],
    ['compiler/types/probe.ts', "import { check } from '../check/run-checks.js';\nexport const x = check;\n", 'compiler/types may import only'],
    ['compiler/emit/probe.ts', "import { resolve } from '../resolve/resolve.js';\nexport const x = resolve;\n", 'compiler/emit may import only'],
    ['compiler/deploy/probe.ts', "import { runCheck } from '../cli/commands/check.js';\nexport const x = runCheck;\n", 'compiler/deploy may import only'],
    ['runtime/manifest/probe.ts', "import { Simulator } from '../sim/simulator.js';\nexport const x = Simulator;\n", 'runtime/manifest may import only'],
    ['runtime/aws/probe.ts', "import { codes } from '../../compiler/diagnostics/codes.js';\nexport const x = codes;\n", 'runtime/aws may import only'],
    ['runtime/sim/probe.ts', "import { codes } from '../../compiler/diagnostics/codes.js';\nexport const x = codes;\n", 'runtime/sim may import only'],
    ['editors/vscode/src/probe.ts', "import { checkText } from '../../../compiler/program.js';\nexport const x = checkText;\n", 'editors may import only'],
  ])('%s may not import a later or outer layer', async (path, code, message) => {
    const problems = await lintAs(path, code);
    expect(problems.filter((p) => p.startsWith('import-x/no-restricted-paths'))).toEqual([expect.stringContaining(message)]);
  });

  test.each([
    ['compiler/emit/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['compiler/check/probe.ts', "import { promises } from 'fs';\nexport const x = promises;\n"],
    ['compiler/lower/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
    ['compiler/settings/probe.ts', "import { SQSClient } from '@aws-sdk/client-sqs';\nexport const x = SQSClient;\n"],
    ['compiler/elaborate/probe.ts', "import { build } from 'esbuild';\nexport const x = build;\n"],
    ['compiler/kinds/probe.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;\n"],
    ['runtime/aws/probe.ts', "import { existsSync } from 'node:fs';\nexport const x = existsSync;\n"],
  ])('%s, a pure phase, may not read files, call AWS or bundle', async (path, code) => {
    const problems = await lintAs(path, code);
    expect(problems.filter((p) => p.startsWith('no-restricted-imports'))).toHaveLength(1);
  });

  test.each([
    ['compiler/check/probe.ts', "import { sqs } from '../../runtime/aws/limits.js';\nexport const x = sqs;\n"],
    ['compiler/emit/probe.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['compiler/deploy/probe.ts', "import { readFileSync } from 'node:fs';\nimport { SQSClient } from '@aws-sdk/client-sqs';\nexport const x = [readFileSync, SQSClient];\n"],
    ['compiler/cli/probe.ts', "import { Simulator } from '../../runtime/sim/simulator.js';\nexport const x = Simulator;\n"],
  ])('%s may import what its row of the table allows', async (path, code) => {
    expect(await lintAs(path, code)).toEqual([]);
  });

  test('every folder of ARCHITECTURE.md\'s table has a layer, and every layer a row', () => {
    const text = readFileSync(`${root}ARCHITECTURE.md`, 'utf8');
    // The first column of each row: one or more folders in backticks.
    const documented = [...text.matchAll(/^\| ((?:`[^`]+`(?:, )?)+) \|/gm)].flatMap((m) =>
      [...(m[1] as string).matchAll(/`([^`]+)`/g)].map((f) => (f[1] as string).replace(/\/$/, '')),
    );
    expect([...documented].sort()).toEqual(Object.keys(layers).sort());
    for (const folder of pureFolders) expect(Object.keys(layers)).toContain(folder);
  });
});
