import { extname, resolve } from 'node:path';
import { didYouMean } from '../../diagnostics/suggest.js';
import { GRAPH_FORMATS, type GraphFormat, graphNodeNames, renderGraph } from '../../emit/graph/index.js';
import { compileBytes } from '../../program.js';
import { displayPathFor, type Host } from '../host.js';
import { outputFolderProblem } from '../output-options.js';
import { writeOneFile } from '../write-one.js';
import { readInput } from '../read-input.js';
import { type DiagnosticFormat, printDiagnostics, printOutputProblems, UsageError } from '../report.js';

export interface GraphCommandOptions {
  /** Default: from the extension of `out`, else mermaid. */
  readonly format?: string | undefined;
  readonly out?: string | undefined;
  readonly focus?: string | undefined;
  readonly failures: boolean;
  readonly settings: boolean;
  readonly diagnostics: DiagnosticFormat;
}

const BY_EXTENSION: Readonly<Record<string, GraphFormat>> = { '.mmd': 'mermaid', '.mermaid': 'mermaid', '.dot': 'dot', '.gv': 'dot', '.svg': 'svg', '.html': 'html', '.htm': 'html' };

/**
 * `flowc graph FILE [--format mermaid|dot|svg|html] [-o FILE] [--focus NAME] [--failures]
 * [--settings]`: a picture of the flow, on stdout or written (atomically, and only over a file
 * flowc wrote) to `-o`. Exit 0; 1 when the flow has errors; 2 for a bad option or output.
 */
export async function runGraph(host: Host, file: string, options: GraphCommandOptions): Promise<number> {
  const format = chooseFormat(options);
  if (options.out !== undefined) {
    const problems = outputFolderProblem('-o', options.out);
    if (problems.length > 0) {
      printOutputProblems(host, problems);
      return 2;
    }
  }
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  const result = compileBytes(file, bytes);
  if (!result.manifest) {
    printDiagnostics(host, result.diagnostics, options.diagnostics);
    return 1;
  }
  const manifest = result.manifest;
  if (options.focus !== undefined) {
    const names = graphNodeNames(manifest);
    if (!names.includes(options.focus)) {
      const hint = didYouMean(options.focus, names);
      throw new UsageError(`--focus \`${options.focus}\` is not declared in ${file}${hint === undefined ? '' : `: ${hint}`}`);
    }
  }
  const picture = await renderGraph(manifest, { format, focus: options.focus, failures: options.failures, settings: options.settings });
  if (options.out === undefined) {
    host.stdout(picture);
    return 0;
  }
  const show = displayPathFor(host.cwd);
  return writeOneFile(host, {
    input: resolve(host.cwd, file),
    inputName: file,
    path: resolve(host.cwd, options.out),
    content: picture,
    what: `the ${format === 'mermaid' ? 'Mermaid' : format.toUpperCase()} graph of app \`${manifest.app}\``,
    show,
  });
}

function chooseFormat(options: GraphCommandOptions): GraphFormat {
  if (options.format !== undefined) {
    if (!(GRAPH_FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`unknown --format \`${options.format}\`: use ${GRAPH_FORMATS.join(', ')}`);
    return options.format as GraphFormat;
  }
  if (options.out === undefined) return 'mermaid';
  return BY_EXTENSION[extname(options.out).toLowerCase()] ?? 'mermaid';
}
