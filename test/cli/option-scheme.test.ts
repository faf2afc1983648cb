// Options mean the same in every command (issue 16 §5): `--diagnostics` is how problems are
// reported, `--format` what the command makes; docs/cli.md says which commands take which,
// and the former `--format` for diagnostics still works, with a warning.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';

const docs = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');

async function helpOf(...args: string[]): Promise<string> {
  const host = new MemoryHost();
  await main([...args, '--help'], host);
  return host.out;
}

async function commands(): Promise<string[]> {
  const root = await helpOf();
  return [...root.split('Commands:')[1]!.matchAll(/^ {2}(\w+)/gm)].map((match) => match[1]!).filter((name) => name !== 'help');
}

/** The option's entry in a command's help (its line and the lines it wraps onto), or undefined. */
function optionLine(help: string, option: string): string | undefined {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\s+(-\\w, )?${option}\\b`).test(line));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && /^\s{6,}\S/.test(lines[end]!) && !/^\s+-/.test(lines[end]!)) end += 1;
  return lines.slice(start, end).join(' ').replace(/\s+/g, ' ');
}

/** The commands docs/cli.md lists for an option, from its table row. */
function documented(option: string): string[] {
  const row = docs.split('\n').find((line) => line.startsWith(`| \`${option}`));
  expect(row, `docs/cli.md has a row for ${option}`).toBeDefined();
  const cells = row!.split(/(?<!\\)\|/);
  return [...cells[3]!.matchAll(/`(\w+)`/g)].map((match) => match[1]!).sort();
}

test('--diagnostics is taken by exactly the commands docs/cli.md lists, with the same three formats', async () => {
  const taking: string[] = [];
  for (const command of await commands()) {
    const line = optionLine(await helpOf(command), '--diagnostics');
    if (line === undefined) continue;
    taking.push(command);
    expect(line, command).toMatch(/choices: "pretty", "short", "json"/);
  }
  expect(taking.sort()).toEqual(documented('--diagnostics'));
  expect(taking.length).toBeGreaterThanOrEqual(6);
});

test('--format is never about diagnostics, and docs/cli.md lists exactly the commands that take it', async () => {
  const taking: string[] = [];
  for (const command of await commands()) {
    const line = optionLine(await helpOf(command), '--format');
    if (line === undefined) continue;
    taking.push(command);
    expect(line, command).not.toMatch(/pretty|short|diagnostic/);
  }
  expect(taking.sort()).toEqual(documented('--format'));
});

test.each([
  ['check', ['app.flow']],
  ['manifest', ['app.flow']],
  ['fmt', ['--check', 'app.flow']],
])('%s --format json still reports as --diagnostics json does, and warns on stderr', async (command, args) => {
  const flow = 'fn a(Missing)\n';
  const now = new MemoryHost().addFile('app.flow', flow);
  const before = new MemoryHost().addFile('app.flow', flow);
  const code = await main([command, '--diagnostics', 'json', ...args], now);
  expect(await main([command, '--format', 'json', ...args], before)).toBe(code);
  expect(before.out).toBe(now.out);
  expect(JSON.parse(now.out)).toEqual(expect.any(Array));
  expect(now.err).not.toMatch(/--format/);
  expect(before.err).toContain(`\`flowc ${command} --format\` is now \`--diagnostics\``);
});
