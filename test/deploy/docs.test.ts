import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';

/** Keeps the deploy documentation true to the CLI: every flag shown for a command exists. */

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const guide = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
const deploying = readme.slice(readme.indexOf('\n## Deploying\n'), readme.indexOf('\n## ', readme.indexOf('\n## Deploying\n') + 1));

async function help(command: string): Promise<string> {
  const host = new MemoryHost();
  await main([command, '--help'], host);
  return host.out;
}

/** `--flags` on the lines (or table rows) that show `flowc <command>`. */
function documentedFlags(markdown: string, command: string): string[] {
  const lines = markdown.split('\n').filter((line) => line.includes(`flowc ${command} `));
  return [...new Set(lines.flatMap((line) => [...line.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0])))];
}

describe('deploy documentation', () => {
  test('README has a Deploying section that links the guide', () => {
    expect(deploying).toContain('docs/deploy.md');
  });

  for (const command of ['package', 'deploy', 'diff']) {
    test(`every flag shown for flowc ${command} exists`, async () => {
      const flags = [...documentedFlags(deploying, command), ...documentedFlags(guide, command)];
      expect(flags.length).toBeGreaterThan(0);
      const text = await help(command);
      expect(flags.filter((flag) => !text.includes(flag))).toEqual([]);
    });
  }
});
