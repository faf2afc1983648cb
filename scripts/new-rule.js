#!/usr/bin/env node
// Scaffolds a checker rule (CONTRIBUTING.md, "Add a rule"):
//
//   node scripts/new-rule.js NAME CODE [--title "One line"] [--severity error|warning] [--dry-run] [--root DIR]
//
// NAME is the rule's slug in kebab case (`bucket-name-length`), CODE its new diagnostic code
// (`FL4052`). It writes the rule file, registers it in compiler/check/rules/index.ts, adds the
// code to compiler/diagnostics/codes.ts and its row to docs/diagnostics/README.md, and writes a docs page and an invalid and a valid
// fixture, each with a TODO where the rule's own words go. It refuses to overwrite any file and
// to reuse a code or a slug; with --dry-run it only prints what it would do. The new rule
// reports nothing yet, so test/fixtures.test.ts fails on its invalid fixture until it does:
// that failing test is the next step.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const phases = { 1: 'syntax', 2: 'names', 3: 'types', 4: 'aws', 5: 'graph' };

function fail(message) {
  process.stderr.write(`new-rule: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { dryRun: false, root: fileURLToPath(new URL('..', import.meta.url)), severity: 'error', title: undefined };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--root') options.root = argv[++i] ?? fail('--root needs a folder');
    else if (arg === '--title') options.title = argv[++i] ?? fail('--title needs a line');
    else if (arg === '--severity') options.severity = argv[++i] ?? fail('--severity needs error or warning');
    else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [name, code] = positional;
  if (name === undefined || code === undefined || positional.length > 2) fail('usage: node scripts/new-rule.js NAME CODE [--title "…"] [--severity error|warning] [--dry-run] [--root DIR]');
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) fail(`NAME is a kebab-case slug such as \`bucket-name-length\`, not \`${name}\``);
  if (!/^FL[1-5]\d{3}$/.test(code)) fail(`CODE is FL1xxx–FL5xxx (a rule's phase is its first digit), not \`${code}\``);
  if (options.severity !== 'error' && options.severity !== 'warning') fail('--severity is error or warning');
  return { name, code, ...options };
}

/** `bucket-name-length` → `bucketNameLength`. */
function camel(name) {
  return name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** The edits, as whole files: [path relative to the root, new text, whether it exists already]. */
function plan({ name, code, root, severity, title }) {
  const read = (path) => readFileSync(join(root, path), 'utf8');
  const phase = phases[code[2]];
  const id = camel(name);
  const oneLine = title ?? `TODO: what ${code} means, in one line`;

  const codesPath = 'compiler/diagnostics/codes.ts';
  const codesText = read(codesPath);
  if (new RegExp(`^\\s*${code}:`, 'm').test(codesText)) fail(`${code} is in ${codesPath} already: codes are never reused`);
  if (codesText.includes(`slug: '${name}'`)) fail(`the slug \`${name}\` is taken in ${codesPath}`);
  // After the last code below the new one, so the catalogue stays in order.
  const lines = codesText.split('\n');
  let after = -1;
  lines.forEach((line, i) => {
    const m = /^\s*(FL\d{4}):/.exec(line);
    if (m && m[1] < code) after = i;
  });
  if (after < 0) fail(`no code before ${code} in ${codesPath}`);
  lines.splice(after + 1, 0, `  ${code}: { slug: '${name}', severity: '${severity}', phase: '${phase}', title: '${oneLine.replaceAll("'", "\\'")}' },`);

  const indexPath = 'compiler/check/rules/index.ts';
  const indexText = read(indexPath);
  const importLine = `import { ${id} } from './${name}.js';`;
  if (indexText.includes(importLine)) fail(`${indexPath} registers \`${id}\` already`);
  const imports = [...indexText.matchAll(/^import .*;$/gm)];
  const lastImport = imports[imports.length - 1];
  const arrayStart = indexText.indexOf('export const rules: readonly Rule[] = [\n');
  if (lastImport === undefined || arrayStart < 0) fail(`${indexPath} has no imports or no \`rules\` array to register the rule in`);
  const importEnd = lastImport.index + lastImport[0].length;
  const arrayOpen = arrayStart + 'export const rules: readonly Rule[] = [\n'.length;
  const registered = `${indexText.slice(0, importEnd)}\n${importLine}${indexText.slice(importEnd, arrayOpen)}  ${id},\n${indexText.slice(arrayOpen)}`;

  const readmePath = 'docs/diagnostics/README.md';
  const readme = read(readmePath).split('\n');
  let row = -1;
  readme.forEach((line, i) => {
    const m = /^\| (FL\d{4}) \|/.exec(line);
    if (m && m[1] < code) row = i;
  });
  if (row < 0) fail(`no row before ${code} in ${readmePath}`);
  readme.splice(row + 1, 0, `| ${code} | ${severity} | ${oneLine} | [${code}.md](${code}.md) |`);

  const rule = `import type { Rule } from '../rule.js';

/**
 * ${code}${severity === 'warning' ? ' (warning)' : ''}: TODO what the rule finds, and what AWS does with it, with the AWS
 * documentation page that says so (https://docs.aws.amazon.com/…).
 */
export const ${id}: Rule = {
  code: '${code}',
  visit: {
    // Read settings from the model, never by name: context.queue(queue).visibilityTimeoutSeconds
    // for the effective value, context.writtenOf(item, 'visibilityTimeoutSeconds') for where it is written.
    queue(queue, context) {
      void queue;
      void context;
      // TODO: context.report(span, message, { label, why, help }) for each mistake, once.
    },
  },
};
`;
  const fixture = `# expect: ${code} 3:1
app todo
queue todo_queue
`;
  const docs = `# ${code}: ${oneLine}

TODO: what the rule finds. Severity: ${severity}.

## Example

\`\`\`flow
app todo
queue todo_queue
\`\`\`

\`\`\`text
TODO: the diagnostic, as \`flowc check\` prints it (npm run docs:refresh rewrites this block)
\`\`\`

## Why

TODO: what AWS does with it, and the AWS documentation page that says so.

## How to fix

TODO: the change, and the example fixed.

\`\`\`flow
app todo
queue todo_queue
\`\`\`
`;
  const folder = `${code}-${name}`;
  return [
    [`compiler/check/rules/${name}.ts`, rule, false],
    [indexPath, registered, true],
    [codesPath, lines.join('\n'), true],
    [readmePath, readme.join('\n'), true],
    [`docs/diagnostics/${code}.md`, docs, false],
    [`test/fixtures/invalid/${folder}/input.flow`, fixture, false],
    [`test/fixtures/invalid/${folder}/diagnostics.txt`, `TODO: run the fixture test and paste the diagnostic ${code} gives here\n`, false],
    [`test/fixtures/valid/${folder}/input.flow`, 'app todo\n# TODO: the invalid input, fixed: it checks clean\nqueue todo_queue\n', false],
  ];
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const edits = plan(options);
  // Every check before any write: a refused scaffold leaves the tree as it was.
  for (const [path, , replaces] of edits) {
    if (!replaces && existsSync(join(options.root, path))) fail(`${path} exists; new-rule never overwrites a file`);
  }
  for (const [path, text, replaces] of edits) {
    process.stdout.write(`${options.dryRun ? 'would ' : ''}${replaces ? 'update' : 'create'} ${path}\n`);
    if (options.dryRun) continue;
    const target = join(options.root, path);
    mkdirSync(dirname(target), { recursive: true });
    // Written beside the target, then renamed over it: no half-written file.
    const temporary = `${target}.new-rule-${process.pid}`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  }
  if (!options.dryRun) process.stdout.write(`next: fill the TODOs, then npx vitest run test/fixtures.test.ts test/codes.test.ts test/diagnostics-docs.test.ts\n`);
}

main();
