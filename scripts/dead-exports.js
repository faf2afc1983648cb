// Dead-export check (CI, `npm run dead-exports`): every export of grammar/, compiler/ and
// runtime/ must be imported somewhere (tests count), else it is dead code or an accidental API.
// ts-unused-exports finds them; scripts/dead-exports.allowed.txt lists the known ones (public
// entry points' re-exports aside), and may only shrink: a new dead export fails, and so does an
// entry that is no longer dead, so the list never keeps a name that came back to life.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const allowedFile = 'scripts/dead-exports.allowed.txt';

// Public entry points (their exports are for users; compiler/cli/early-replay.ts's for bin/flowc.js,
// through its bundle) and what is not product code.
const notReported = ['test/', 'bench/', 'scripts/', 'runtime/index.ts', 'compiler/testing.ts', 'compiler/cli/early-replay.ts', 'vitest.config.ts'];

/** `file: name` for every unused value export (types may stay exported for signatures). */
export function deadExports() {
  const bin = `${root}node_modules/.bin/ts-unused-exports`;
  let out;
  try {
    out = execFileSync(bin, ['tsconfig.json', '--allowUnusedTypes', `--excludePathsFromReport=${notReported.join(';')}`], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    // It exits non-zero when it finds something; its report is still on stdout.
    if (typeof error.stdout !== 'string') throw error;
    out = error.stdout;
  }
  const found = [];
  for (const line of out.split('\n')) {
    const match = /^(\S+\.ts): (.+)$/.exec(line.trim());
    if (!match) continue;
    const file = match[1].startsWith(root) ? match[1].slice(root.length) : match[1];
    for (const name of match[2].split(', ')) found.push(`${file}: ${name.trim()}`);
  }
  return found.sort();
}

function allowed() {
  return readFileSync(`${root}${allowedFile}`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = deadExports();
  const known = new Set(allowed());
  const fresh = found.filter((entry) => !known.has(entry));
  const revived = [...known].filter((entry) => !found.includes(entry));
  for (const entry of fresh) console.error(`dead export: ${entry} (import it, stop exporting it, or delete it)`);
  for (const entry of revived) console.error(`${allowedFile}: ${entry} is no longer a dead export; remove the line`);
  if (fresh.length > 0 || revived.length > 0) process.exit(1);
  console.log(`dead exports: none new (${found.length} known in ${allowedFile})`);
}
