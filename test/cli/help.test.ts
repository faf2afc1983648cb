// Every diagnostic code the help text names exists: `flowc explain` of it prints a page, not
// "unknown code" (issue 12 §4: the help once showed `flowc explain FL4103`).
import { expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { codes } from '../../compiler/diagnostics/codes.js';
import { MemoryHost } from '../helpers/memory-host.js';

async function helpOf(...args: string[]): Promise<string> {
  const host = new MemoryHost();
  await main([...args, '--help'], host);
  return host.out;
}

test('every code in the help of flowc and of each command is in the catalogue', async () => {
  const root = await helpOf();
  const commands = [...root.split('Commands:')[1]!.matchAll(/^ {2}(\w+)/gm)].map((match) => match[1]!).filter((name) => name !== 'help');
  expect(commands).toContain('explain');
  const texts = [root, ...(await Promise.all(commands.map((command) => helpOf(command))))];
  const named = texts.flatMap((text) => [...text.matchAll(/\bFL\d{4}\b/g)].map((match) => match[0]));
  expect(named.length).toBeGreaterThan(0);
  for (const code of named) expect(Object.keys(codes), `${code} in the help text`).toContain(code);
});
