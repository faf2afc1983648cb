// No rule and no lowering reads a setting by its name string: eslint's Node API lints snippets
// as if they were files of compiler/check and compiler/lower, and the config must reject every
// way of reading a setting by name that the code once had, and accept the model's reads.
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

/** The messages of `no-restricted-syntax` for `code` written as the file `path`. */
async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' || m.fatal).map((m) => m.message);
}

const byName = [
  ['a settings map by name', "export const f = (fn: { settings: Map<string, unknown> }) => fn.settings.get('timeout');"],
  ['the app settings by name', "export const f = (p: { appSettings: Map<string, unknown> }) => p.appSettings.has('memory');"],
  ['a settings variable by name', "export const f = (settings: Map<string, unknown>) => settings.get('dlq');"],
  ['a poisoned setting by name', "export const f = (s: { poisoned: Map<string, unknown> }) => s.poisoned.get('match');"],
  ['a block entry by its name', "export const f = (entries: { name: { text: string } }[]) => entries.find((e) => e.name.text === 'dlq');"],
  ['the context by name', "declare const context: { duration(o: unknown, n: string): number }; export const f = (q: unknown) => context.duration(q, 'visibility');"],
] as const;

describe('a setting read by its name string', () => {
  test.each(byName)('is refused in a rule: %s', async (_, code) => {
    expect(await restricted('compiler/check/rules/scratch.ts', code)).toEqual([expect.stringMatching(/model|name/)]);
  });

  test.each(byName)('is refused in the lowering: %s', async (_, code) => {
    expect(await restricted('compiler/lower/scratch.ts', code)).toHaveLength(1);
  });

  test('is still how resolve reads the block it validates', async () => {
    expect(await restricted('compiler/resolve/scratch.ts', byName[0][1])).toEqual([]);
  });
});

test('the model is how a rule reads a setting', async () => {
  const code = [
    'declare const context: { queue(s: unknown): { visibilityTimeoutSeconds: number }; writtenOf(i: unknown, f: string): unknown };',
    'export const f = (q: unknown) => {',
    '  const queue = context.queue(q);',
    "  return [queue.visibilityTimeoutSeconds, context.writtenOf(queue, 'visibilityTimeoutSeconds')];",
    '};',
  ].join('\n');
  expect(await restricted('compiler/check/rules/scratch.ts', code)).toEqual([]);
});
