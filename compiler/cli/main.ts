import { Command, CommanderError, Option } from 'commander';
import type { Code } from '../diagnostics/codes.js';
import { type Host, HostError, nodeHost } from './host.js';
import { parseFormat, UsageError } from './report.js';

/** Exit codes: 0 ok, 1 diagnostics (outputs skipped), 2 usage or internal error. */
export const EXIT_OK = 0;
export const EXIT_DIAGNOSTICS = 1;
export const EXIT_USAGE = 2;

const VERSION = '0.1.0';
const INTERNAL_ERROR: Code = 'FL9002';

/**
 * Runs the CLI with these arguments (without `node` and the script) against a host, and
 * returns the exit code. Commands are imported when they run, so `check` never loads the
 * emitters, ts-morph or the AWS SDK.
 */
export async function main(argv: readonly string[], host: Host = nodeHost()): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = EXIT_OK;
  const program = new Command('flowc')
    .description('Compiler and local runtime for .flow, typed event-driven AWS applications')
    .version(VERSION, '-v, --version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => host.stdout(text),
      writeErr: (text) => host.stderr(text),
    })
    .showSuggestionAfterError(true);

  const formatOption = () =>
    new Option('--format <format>', 'diagnostics as pretty (code frames), short (one line each) or json').choices([
      'pretty',
      'short',
      'json',
    ]);

  program
    .command('check')
    .description('report every problem in .flow files (exit 1 on errors)')
    .argument('<files...>', '.flow files')
    .addOption(formatOption())
    .option('--deny-warnings', 'exit 1 on warnings too')
    .action(async (files: string[], options: { format?: string; denyWarnings?: boolean }) => {
      const { runCheck } = await import('./commands/check.js');
      exitCode = runCheck(host, files, { format: parseFormat(options.format), denyWarnings: options.denyWarnings === true });
    });

  program
    .command('build')
    .description('check, then write the CloudFormation template, the generated TypeScript and missing handler stubs')
    .argument('<files...>', '.flow files')
    .requiredOption('-o, --out <dir>', 'folder for the template(s)')
    .addOption(new Option('--format <format>', 'template as yaml or json').choices(['yaml', 'json']).default('yaml'))
    .option('--diagnostics <format>', 'diagnostics as pretty, short or json', 'pretty')
    .option('--generated <dir>', 'folder of the regenerated TypeScript, beside each .flow file', 'generated')
    .option('--no-types', 'write only the template')
    .option('--deny-warnings', 'fail on warnings too')
    .action(
      async (
        files: string[],
        options: { out: string; format: 'yaml' | 'json'; diagnostics: string; generated: string; types: boolean; denyWarnings?: boolean },
      ) => {
        const { runBuild } = await import('./commands/build.js');
        exitCode = runBuild(host, files, {
          outDir: options.out,
          templateFormat: options.format,
          diagnosticFormat: parseFormat(options.diagnostics),
          denyWarnings: options.denyWarnings === true,
          generatedDir: options.generated,
          typescript: options.types,
        });
      },
    );

  program
    .command('manifest')
    .description('print the flow manifest (the checked, lowered program that emitters and the simulator read) as JSON')
    .argument('<file>', 'a .flow file')
    .addOption(formatOption())
    .action(async (file: string, options: { format?: string }) => {
      const { runManifest } = await import('./commands/manifest.js');
      exitCode = runManifest(host, file, parseFormat(options.format));
    });

  program
    .command('explain')
    .description('explain a diagnostic code, e.g. `flowc explain FL4103`; without a code, list them')
    .argument('[code]', 'a diagnostic code')
    .action(async (code: string | undefined) => {
      const { runExplain } = await import('./commands/explain.js');
      exitCode = runExplain(host, code);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof HostError) {
      host.stderr(`flowc: error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    host.stderr(`flowc: internal error ${INTERNAL_ERROR}: ${(error as Error)?.message ?? String(error)}\n`);
    if (debug) host.stderr(`${(error as Error)?.stack ?? ''}\n`);
    else host.stderr('This is a bug in flowc, not in your flow. Run again with --debug for the stack trace and report it.\n');
    return EXIT_USAGE;
  }
}
