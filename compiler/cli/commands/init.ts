import { basename, join, resolve } from 'node:path';
import { displayPathFor, type Host } from '../host.js';
import { applyPlan, type Output, type OutputProblem, planOutputs } from '../output-plan.js';
import { type ProjectTemplate, readProjectTemplate, type TemplateName } from '../project-templates.js';
import { plural, printOutputProblems } from '../report.js';

export interface InitOptions {
  readonly template: TemplateName;
}

/** Exit code when the project cannot be written, as for `build`'s outputs. */
const EXIT_OUTPUTS = 2;

/**
 * `flowc init [DIR]`: writes a new project from a template into DIR (default: the current
 * folder). It never replaces anything: when any of its files exists already, it lists every
 * one (FL9026) and writes nothing; each file is created with `writeFileIfAbsent`, so one that
 * appears meanwhile is kept too.
 */
export function runInit(host: Host, dir: string | undefined, options: InitOptions): number {
  const folder = resolve(host.cwd, dir ?? '.');
  const show = displayPathFor(host.cwd);
  const template = readProjectTemplate(options.template);
  const files = projectFiles(template, basename(folder));

  const existing = files.filter((file) => host.inspect(join(folder, file.path)).kind !== 'missing').map((file) => file.path);
  if (existing.length > 0) {
    printOutputProblems(host, [wouldOverwrite(show(folder), existing)]);
    return EXIT_OUTPUTS;
  }
  const outputs: Output[] = files.map((file) => ({
    kind: 'stub',
    path: join(folder, file.path),
    content: file.content,
    flow: template.flow,
    what: `${file.path} of the new project`,
    role: 'project',
  }));
  const plan = planOutputs(host, outputs, show);
  if (plan.problems.length > 0) {
    printOutputProblems(host, plan.problems);
    host.stderr(`${plural(plan.problems.length, 'problem')} with the new project; nothing written\n`);
    return EXIT_OUTPUTS;
  }
  const kept: string[] = [];
  const failure = applyPlan(host, plan, show, (step) => {
    if (step.kind === 'keep') kept.push(show(step.path));
  });
  if (failure !== undefined) {
    printOutputProblems(host, [failure]);
    return EXIT_OUTPUTS;
  }
  if (kept.length > 0) host.stderr(`kept ${kept.join(', ')}: created by someone else while flowc init ran\n`);
  const where = folder === resolve(host.cwd) ? '.' : show(folder);
  host.stderr(`created ${plural(files.length - kept.length, 'file')} of a flowc project (template ${options.template}) in ${where}\n`);
  host.stdout(nextSteps(where, template.flow));
  return 0;
}

/** The template's files, with the project's name and flowc's version in package.json. */
function projectFiles(template: ProjectTemplate, folderName: string): { path: string; content: string }[] {
  return template.files.map((file) => {
    if (file.path !== 'package.json') return file;
    const manifest = JSON.parse(file.content) as { name: string; dependencies: Record<string, string> };
    manifest.name = packageName(folderName) ?? manifest.name;
    manifest.dependencies['flowc'] = `^${template.flowcVersion}`;
    return { path: file.path, content: `${JSON.stringify(manifest, null, 2)}\n` };
  });
}

/**
 * The folder's name as an npm package name (lower case, URL-safe, not starting with `.` or
 * `_`: https://docs.npmjs.com/cli/configuring-npm/package-json#name), or undefined when
 * nothing of it is usable (the template's own name is kept then).
 */
function packageName(folderName: string): string | undefined {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214);
  return name === '' ? undefined : name;
}

function wouldOverwrite(folder: string, existing: readonly string[]): OutputProblem {
  return {
    code: 'FL9026',
    message: `flowc init would overwrite ${plural(existing.length, 'existing file')} in ${folder}: ${existing.join(', ')}`,
    help: 'flowc init never replaces a file: run it in a new folder (`flowc init my-app`) or move these files away; nothing was written',
  };
}

function nextSteps(folder: string, flow: string): string {
  const cd = folder === '.' ? '' : `  cd ${/^[\w./-]+$/.test(folder) ? folder : `'${folder.replaceAll("'", "'\\''")}'`}\n`;
  return (
    'next:\n' +
    cd +
    '  npm install                                  # flowc and the tools; before flowc is published: npm install PATH/TO/flowc-VERSION.tgz\n' +
    `  npx flowc build ${flow} -o out\n` +
    '  npx tsc -p tsconfig.json\n' +
    '  npx vitest run\n' +
    `  npx flowc sim ${flow} --events events.json\n`
  );
}
