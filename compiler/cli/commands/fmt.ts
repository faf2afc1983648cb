import { type Code, codes } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { Reporter } from '../../diagnostics/reporter.js';
import { formatFlow, formattingChanged } from '../../format/format.js';
import { checkBytes } from '../../program.js';
import { decodeSource, MAX_SOURCE_BYTES } from '../../source/decode.js';
import { SourceFile } from '../../source/source-file.js';
import { parseSource } from '../../syntax/parse.js';
import { type Host, HostError } from '../host.js';
import { readInput } from '../read-input.js';
import { type DiagnosticFormat, printDiagnostics } from '../report.js';

const FORMAT_REFUSED: Code = 'FL9023';
const NOT_FORMATTED: Code = 'FL9024';
const FORMAT_UNSAFE: Code = 'FL9025';
const CANNOT_READ: Code = 'FL9001';
const WRITE_FAILED: Code = 'FL9006';
const UTF8_BOM = '\uFEFF';
/** The name `-` stands for, in messages and in `--check`'s list. */
const STDIN_NAME = '<stdin>';

export interface FmtOptions {
  /** List the files that are not formatted and exit 1, writing nothing (`--check`). */
  readonly check: boolean;
  readonly format: DiagnosticFormat;
}

type Outcome = 'formatted' | 'unchanged' | 'unformatted' | 'refused' | 'failed';

/**
 * `flowc fmt FILE...`: rewrites each file in its canonical layout (docs/fmt.md), atomically
 * and only when that changes it; `-` formats standard input to standard output. With
 * `--check`, writes nothing and lists the files that are not formatted. A file with syntax
 * errors is refused with its diagnostics. Exit 0 when all is well, 1 for a refused or (with
 * `--check`) unformatted file, 2 when a file cannot be read or written.
 */
export function runFmt(host: Host, files: readonly string[], options: FmtOptions): number {
  const diagnostics: Diagnostic[] = [];
  const refusals: string[] = [];
  const outcomes = files.map((file) => formatOne(host, file, options, diagnostics, refusals));
  printDiagnostics(host, diagnostics, options.format);
  // After the diagnostics, so that the terminal shows the reason below the errors.
  for (const refusal of refusals) host.stderr(refusal);
  const unformatted = files.filter((_, k) => outcomes[k] === 'unformatted');
  for (const file of unformatted) host.stdout(`${file === '-' ? STDIN_NAME : file}\n`);
  if (unformatted.length > 0) {
    const names = unformatted.length === 1 ? 'file is' : 'files are';
    host.stderr(`flowc: error ${NOT_FORMATTED}: ${unformatted.length} ${names} not formatted; run \`flowc fmt\` on ${unformatted.length === 1 ? 'it' : 'them'}\n`);
  }
  if (outcomes.includes('failed')) return 2;
  return outcomes.includes('refused') || unformatted.length > 0 ? 1 : 0;
}

function formatOne(host: Host, file: string, options: FmtOptions, diagnostics: Diagnostic[], refusals: string[]): Outcome {
  const name = file === '-' ? STDIN_NAME : file;
  const bytes = file === '-' ? readStandardInput(host) : readInput(host, file);
  if (bytes === undefined) return 'failed';
  const decoded = decodeSource(bytes);
  if (!decoded.ok) {
    diagnostics.push(...checkBytes(name, bytes).diagnostics);
    refusals.push(`flowc: error ${FORMAT_REFUSED}: cannot format ${name}: it is not a .flow text\n`);
    return 'refused';
  }
  const result = formatFlow(decoded.text);
  if (!result.ok) {
    diagnostics.push(...syntaxErrors(name, decoded.text));
    refusals.push(`flowc: error ${FORMAT_REFUSED}: cannot format ${name}: it has syntax errors, and formatting could change what it means; fix them first\n`);
    return 'refused';
  }
  const unsafe = formattingChanged(result);
  if (unsafe !== undefined) {
    host.stderr(`flowc: internal error ${FORMAT_UNSAFE}: ${name} left as it is: ${unsafe}. This is a bug in flowc; please report it with the file\n`);
    return 'failed';
  }
  const changed = result.text !== decoded.text;
  if (options.check) return changed ? 'unformatted' : 'unchanged';
  // A byte order mark is not part of the text flowc reads; the file keeps it.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? UTF8_BOM : '';
  if (file === '-') {
    host.stdout(bom + result.text);
    return changed ? 'formatted' : 'unchanged';
  }
  if (!changed) return 'unchanged';
  try {
    host.writeFileAtomic(file, bom + result.text);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    host.stderr(`flowc: error ${WRITE_FAILED}: cannot write ${file}: ${error.message}\n`);
    return 'failed';
  }
  return 'formatted';
}

function readStandardInput(host: Host): Uint8Array | undefined {
  try {
    return host.readStdin(MAX_SOURCE_BYTES + 1);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    host.stderr(`flowc: error ${CANNOT_READ}: cannot read ${error.message}\n`);
    return undefined;
  }
}

/** The syntax errors `flowc check` reports for the text, with their codes and code frames. */
function syntaxErrors(name: string, text: string): readonly Diagnostic[] {
  const reporter = new Reporter(new SourceFile(name, text));
  parseSource(reporter);
  return reporter.diagnostics.filter((d) => d.severity === 'error' && codes[d.code].phase === 'syntax');
}
