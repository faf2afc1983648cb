import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The starting points of `flowc init`: folders of flowc's own package (`templates/<name>/`,
 * shipped through `files` in package.json), plus `templates/common/` that every project gets.
 * They are flowc's files, not the user's, so they are read directly, as `flowc explain` reads
 * its docs pages; the project is written through the CLI's `Host`.
 */
export const TEMPLATE_NAMES = ['minimal', 'shop', 'stream'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** One file of a new project: its path relative to the project folder, with `/` separators. */
export interface TemplateFile {
  readonly path: string;
  readonly content: string;
}

export interface ProjectTemplate {
  readonly files: readonly TemplateFile[];
  /** The .flow file of the template, relative to the project folder. */
  readonly flow: string;
  /** flowc's own version, for the project's dependency on it. */
  readonly flowcVersion: string;
}

/**
 * npm leaves files named `.gitignore` out of a package (and `npm pack` once renamed them to
 * `.npmignore`), so the templates keep theirs without the dot and init puts it back.
 */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

export function readProjectTemplate(name: TemplateName): ProjectTemplate {
  const root = packageRoot();
  const files = new Map<string, string>();
  for (const folder of ['common', name]) {
    const base = join(root, 'templates', folder);
    for (const path of filesUnder(base)) {
      const relativePath = relative(base, path).split(sep).join('/');
      files.set(RENAMED[relativePath] ?? relativePath, readFileSync(path, 'utf8'));
    }
  }
  const flow = [...files.keys()].find((path) => !path.includes('/') && path.endsWith('.flow'));
  if (flow === undefined) throw new Error(`the template ${name} has no .flow file`);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { files: [...files].map(([path, content]) => ({ path, content })).sort((a, b) => a.path.localeCompare(b.path)), flow, flowcVersion: version };
}

/** flowc's package folder, found from this module whether it runs from source or from dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('flowc\'s templates folder is missing from its installation');
}

function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}
