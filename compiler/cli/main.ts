import type { Command } from 'commander';
import { DEFAULT_GENERATED_DIR } from '../../runtime/manifest/handler-path.js';
import type { Code } from '../diagnostics/codes.js';
import { printReplayed, recordBuild, replayBuild, replayTried } from './build-replay.js';
import { cacheId } from './cache-file.js';
import { type Host, HostError, nodeHost } from './host.js';
import { TEMPLATE_NAMES, type TemplateName } from './project-templates.js';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat, parseFormat, UsageError } from './report.js';
import { parseStage } from './stage-option.js';

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
  // `flowc check FILE…` without an option, what editors and hooks run most, needs no
  // command-line parser: commander is evaluated only for the other command lines
  // (docs/performance.md, "Start-up"). Every option of `check` defaults as commander's would.
  const plainCheck = argv[0] === 'check' && argv.length > 1 && argv.slice(1).every((arg) => !arg.startsWith('-'));
  if (plainCheck) {
    return reportErrors(host, debug, undefined, async () => {
      const { runCheck } = await import('./commands/check.js');
      return runCheck(host, argv.slice(1), { types: false, format: 'pretty', denyWarnings: false, fix: false });
    });
  }
  const { Command, CommanderError, Option } = await import('commander');
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

  const stageOption = () => new Option('--stage <name>', 'build for this stage: resources named <app>-<stage>-<name>, the stack <app>-<stage>');
  const stageOf = (options: { stage?: string }) => {
    const stage = parseStage(options.stage);
    return stage !== undefined ? { stage } : {};
  };

  // One scheme for every command (docs/cli.md): `--diagnostics` is how problems are reported,
  // `--format` is the format of what the command makes (a template, a trace, a picture), never
  // of its diagnostics. `check`, `fmt` and `manifest` once took `--format` for diagnostics: the
  // old spelling still works there, hidden from help, with a warning.
  const diagnosticsOption = () =>
    new Option('--diagnostics <format>', 'diagnostics as pretty (code frames), short (one line each) or json').choices([...DIAGNOSTIC_FORMATS]).default('pretty');
  const formerFormatOption = () => new Option('--format <format>', 'former spelling of --diagnostics').choices([...DIAGNOSTIC_FORMATS]).hideHelp();
  const diagnosticsOf = (command: string, options: { diagnostics: string; format?: string }): DiagnosticFormat => {
    if (options.format === undefined) return parseFormat(options.diagnostics);
    host.stderr(`flowc: warning: \`flowc ${command} --format\` is now \`--diagnostics\` (--format is never about diagnostics: docs/cli.md); the old spelling will be removed\n`);
    return parseFormat(options.format);
  };

  program
    .command('check')
    .description('report every problem in .flow files (exit 1 on errors)')
    .argument('<files...>', '.flow files')
    .addOption(diagnosticsOption())
    .addOption(formerFormatOption())
    .option('--deny-warnings', 'exit 1 on warnings too')
    .option('--fix', 'apply the machine-applicable suggested edits, re-check, and rewrite each file atomically')
    .option('--type-check', 'also run the TypeScript checker over the handlers (FL6006), as in build')
    .option('--types', 'the same as --type-check')
    .action(async (files: string[], options: { diagnostics: string; format?: string; denyWarnings?: boolean; fix?: boolean; types?: boolean; typeCheck?: boolean }) => {
      const { runCheck } = await import('./commands/check.js');
      exitCode = await runCheck(host, files, {
        types: options.types === true || options.typeCheck === true,
        format: diagnosticsOf('check', options),
        denyWarnings: options.denyWarnings === true,
        fix: options.fix === true,
      });
    });

  program
    .command('fmt')
    .description('rewrite .flow files in their one canonical layout (`-`: standard input to standard output)')
    .argument('<files...>', '.flow files, or - for standard input')
    .option('--check', 'write nothing; list the files that are not formatted and exit 1 if there are any')
    .addOption(diagnosticsOption())
    .addOption(formerFormatOption())
    .action(async (files: string[], options: { check?: boolean; diagnostics: string; format?: string }) => {
      const { runFmt } = await import('./commands/fmt.js');
      exitCode = runFmt(host, files, { check: options.check === true, format: diagnosticsOf('fmt', options) });
    });

  program
    .command('lsp')
    .description('run the language server over standard input and output (for editors)')
    .option('--stdio', 'talk over standard input and output (the default and only transport)')
    .action(async () => {
      const { runLsp } = await import('../lsp/server.js');
      exitCode = await runLsp();
    });

  program
    .command('init')
    .description('start a project: package.json, tsconfig.json, a .flow app with its handlers, an events file and a test')
    .argument('[dir]', 'the project folder (default: the current folder); created if missing')
    .addOption(new Option('--template <name>', 'the starting point: minimal (one topic, two functions), shop (destinations and a bus) or stream (Kinesis into DynamoDB)').choices([...TEMPLATE_NAMES]).default('minimal'))
    .action(async (dir: string | undefined, options: { template: TemplateName }) => {
      const { runInit } = await import('./commands/init.js');
      exitCode = runInit(host, dir, { template: options.template });
    });

  program
    .command('build')
    .description('check, then write the CloudFormation template, the generated TypeScript and missing handler stubs')
    .argument('<files...>', '.flow files')
    .requiredOption('-o, --out <dir>', 'folder for the template(s)')
    .addOption(new Option('--format <format>', 'template as yaml or json').choices(['yaml', 'json']).default('yaml'))
    .addOption(diagnosticsOption())
    .option('--generated <dir>', 'folder of the regenerated TypeScript, beside each .flow file', DEFAULT_GENERATED_DIR)
    .option('--no-types', 'write only the template')
    .option('--type-check', 'also run the TypeScript checker over the handlers (FL6006)')
    .option('--deny-warnings', 'fail on warnings too')
    .option('--verbose', 'list every file written, created or kept (default: one line per kind of output)')
    .option('--no-cache', 'neither read nor write the caches in .flowc/ (unchanged rebuilds, the handlers\' syntax)')
    .addOption(stageOption())
    .action(
      async (
        files: string[],
        options: {
          out: string;
          format: 'yaml' | 'json';
          diagnostics: string;
          generated: string;
          types: boolean;
          typeCheck?: boolean;
          denyWarnings?: boolean;
          verbose?: boolean;
          stage?: string;
          cache: boolean;
        },
      ) => {
        // An unchanged rebuild prints what the last one did, without compiling (build-replay.ts),
        // unless the launcher found it changed already (early-replay.ts).
        const id = options.typeCheck === true || !options.cache ? undefined : cacheId(host);
        const replayed = id === undefined || replayTried(argv) ? undefined : replayBuild(host, id, argv, [files[0] as string]);
        if (replayed !== undefined) {
          printReplayed(host, replayed);
          exitCode = replayed.exitCode;
          return;
        }
        const recorder = id === undefined ? undefined : recordBuild(host, id, argv, files[0] as string);
        const { runBuild } = await import('./commands/build.js');
        exitCode = await runBuild(recorder?.host ?? host, files, {
          typeCheck: options.typeCheck === true,
          outDir: options.out,
          templateFormat: options.format,
          diagnosticFormat: parseFormat(options.diagnostics),
          denyWarnings: options.denyWarnings === true,
          generatedDir: options.generated,
          typescript: options.types,
          verbose: options.verbose === true,
          cache: options.cache,
          ...stageOf(options),
        });
        recorder?.save(exitCode);
      },
    );

  program
    .command('manifest')
    .description('print the flow manifest (the checked, lowered program that emitters and the simulator read) as JSON')
    .argument('<file>', 'a .flow file')
    .addOption(diagnosticsOption())
    .addOption(formerFormatOption())
    .addOption(stageOption())
    .action(async (file: string, options: { diagnostics: string; format?: string; stage?: string }) => {
      const { runManifest } = await import('./commands/manifest.js');
      exitCode = runManifest(host, file, diagnosticsOf('manifest', options), stageOf(options).stage);
    });

  // deploy and diff: credentials and region come from the AWS SDK chain unless these are given.
  const awsOptions = (command: Command) =>
    command
      .option('--region <region>', 'AWS region (default: the stage block\'s `region`, else the SDK chain: AWS_REGION, the profile)')
      .option('--profile <profile>', 'named profile from ~/.aws/config and ~/.aws/credentials (default: the stage block\'s `profile`)')
      .option('--endpoint-url <url>', 'a local AWS-compatible endpoint for CloudFormation and S3');
  const awsTarget = (options: { region?: string; profile?: string; endpointUrl?: string }) => ({
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpointUrl !== undefined ? { endpointUrl: options.endpointUrl } : {}),
  });

  program
    .command('package')
    .description('check, bundle each handler with esbuild, and write the template and the code zips (content-hash names)')
    .argument('<file>', 'a .flow file')
    .requiredOption('-o, --out <dir>', 'folder for the template(s) and assets/')
    .addOption(new Option('--format <format>', 'template as yaml or json').choices(['yaml', 'json']).default('yaml'))
    .option('--bucket <bucket>', 'also default the FlowcAssetsBucket parameter to this bucket')
    .option('--allow-stubs', 'package handlers that are still the stubs flowc wrote (FL6003)')
    .option('--no-type-check', 'package handlers without running the TypeScript checker over them (FL6006)')
    .addOption(stageOption())
    .action(async (file: string, options: { out: string; format: 'yaml' | 'json'; bucket?: string; allowStubs?: boolean; typeCheck: boolean; stage?: string }) => {
      const { runPackage } = await import('./commands/package.js');
      exitCode = await runPackage(host, file, {
        skipTypeCheck: !options.typeCheck,
        allowStubs: options.allowStubs === true,
        outDir: options.out,
        format: options.format,
        ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
        ...stageOf(options),
      });
    });

  awsOptions(
    program
      .command('deploy')
      .description('deploy a flow to a CloudFormation stack through a change set, and follow it to the end')
      .argument('<file>', 'a .flow file')
      .option('--stack <name>', 'the stack to create or update (default with --stage: the stage block\'s `stack`, else <app>-<stage>)')
      .addOption(stageOption())
      .option('--bucket <bucket>', 'S3 bucket for code and nested templates (default: the stage block\'s `bucket`, else the one the stack last used)')
      .option('-y, --yes', 'execute the change set without asking')
      .option('--allow-replace', 'go ahead even when a queue, table or stream would be replaced or deleted')
      .option('--allow-stubs', 'deploy handlers that are still the stubs flowc wrote (FL6003)')
      .option('--no-type-check', 'deploy handlers without running the TypeScript checker over them (FL6006)')
      .option('--import-existing', 'adopt queues, tables and streams that exist outside the stack under the names the flow gives them')
      .option('--account <id>', 'refuse to deploy unless the credentials act in this AWS account (checked first, with STS GetCallerIdentity; default: the stage block\'s `account`)'),
  ).action(
    async (
      file: string,
      options: {
        stack?: string;
        stage?: string;
        bucket?: string;
        region?: string;
        profile?: string;
        endpointUrl?: string;
        yes?: boolean;
        allowReplace?: boolean;
        allowStubs?: boolean;
        typeCheck: boolean;
        importExisting?: boolean;
        account?: string;
      },
    ) => {
      const { runDeploy } = await import('./commands/deploy.js');
      exitCode = await runDeploy(host, file, {
        ...(options.stack !== undefined ? { stack: options.stack } : {}),
        ...stageOf(options),
        ...awsTarget(options),
        ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
        yes: options.yes === true,
        allowReplace: options.allowReplace === true,
        allowStubs: options.allowStubs === true,
        skipTypeCheck: !options.typeCheck,
        importExisting: options.importExisting === true,
        ...(options.account !== undefined ? { account: options.account } : {}),
      });
    },
  );

  awsOptions(
    program
      .command('diff')
      .description('compare a flow with a deployed stack, and say what deploying it would change (and lose)')
      .argument('<file>', 'a .flow file')
      .option('--stack <name>', 'the deployed stack (default with --stage: the stage block\'s `stack`, else <app>-<stage>)')
      .addOption(
        new Option('--stage <name>', 'compare with this stage\'s stack; given twice (--stage dev --stage prod), compare the two stages\' templates, without AWS').argParser(
          (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
        ),
      ),
  ).action(async (file: string, options: { stack?: string; stage?: string[]; region?: string; profile?: string; endpointUrl?: string }) => {
    const stages = (options.stage ?? []).map((stage) => stageOf({ stage }).stage as string);
    const { runDiff, runStageDiff } = await import('./commands/diff.js');
    if (stages.length > 2) throw new UsageError(`flowc diff takes --stage once (compare with that stage's stack) or twice (compare two stages), not ${stages.length} times`);
    if (stages.length === 2) {
      if (options.stack !== undefined) throw new UsageError('flowc diff --stage A --stage B compares two stages\' templates: --stack does not apply');
      exitCode = await runStageDiff(host, file, stages[0]!, stages[1]!);
      return;
    }
    exitCode = await runDiff(host, file, { ...(options.stack !== undefined ? { stack: options.stack } : {}), ...stageOf({ ...(stages[0] !== undefined ? { stage: stages[0] } : {}) }), ...awsTarget(options) });
  });

  program
    .command('sim')
    .description('run the flow and its handlers on a virtual clock, injecting the events of a file; print the trace and a summary')
    .argument('<file>', 'a .flow file')
    .option('--events <file>', 'events to inject, JSON (default: events.json beside the flow, if any)')
    .option('--until <duration>', 'stop at this virtual time, e.g. 2h (default: when nothing is left to do)')
    .option('--seed <n>', "seed of the run (default: the events file's, else 1)")
    .addOption(new Option('--format <format>', 'trace as text or json').choices(['text', 'json']).default('text'))
    .option('--report <file>', 'also write the run as one HTML page: a timeline of every invocation, message and retry')
    .addOption(stageOption())
    .action(async (file: string, options: { events?: string; until?: string; seed?: string; format: 'text' | 'json'; report?: string; stage?: string }) => {
      const { runSim } = await import('./commands/sim.js');
      exitCode = await runSim(host, file, { ...options, ...stageOf(options) });
    });

  program
    .command('watch')
    .description('check (or build, with -o) now and on every change of the .flow file or a handler; re-run the simulation with --events')
    .argument('<file>', 'a .flow file')
    .option('-o, --out <dir>', 'build into this folder on every change (default: check only)')
    .addOption(new Option('--format <format>', 'template as yaml or json').choices(['yaml', 'json']).default('yaml'))
    .addOption(diagnosticsOption())
    .option('--generated <dir>', 'folder of the regenerated TypeScript, beside the .flow file', DEFAULT_GENERATED_DIR)
    .option('--events <file>', 'after every clean run, simulate with these events')
    .option('--until <duration>', 'stop each simulation at this virtual time')
    .option('--seed <n>', 'seed of each simulation')
    .action(
      async (
        file: string,
        options: { out?: string; format: 'yaml' | 'json'; diagnostics: string; generated: string; events?: string; until?: string; seed?: string },
      ) => {
        const { runWatch } = await import('./commands/watch.js');
        // Ctrl-C ends the watch cleanly: watchers closed, exit 0.
        const stop = new AbortController();
        const onInterrupt = () => stop.abort();
        process.once('SIGINT', onInterrupt);
        process.once('SIGTERM', onInterrupt);
        try {
          exitCode = await runWatch(host, file, {
            outDir: options.out,
            templateFormat: options.format,
            diagnosticFormat: parseFormat(options.diagnostics),
            generatedDir: options.generated,
            events: options.events,
            until: options.until,
            seed: options.seed,
            signal: stop.signal,
          });
        } finally {
          process.off('SIGINT', onInterrupt);
          process.off('SIGTERM', onInterrupt);
        }
      },
    );

  program
    .command('graph')
    .description('draw the flow: its declarations, and every edge with its payload type (failure paths in red)')
    .argument('<file>', 'a .flow file')
    .addOption(new Option('--format <format>', 'mermaid, dot, svg or html (default: by the -o extension, else mermaid)').choices(['mermaid', 'dot', 'svg', 'html']))
    .option('-o, --out <file>', 'write to this file instead of stdout (only over a file flowc wrote)')
    .option('--focus <name>', 'draw only what reaches or leaves this declaration')
    .option('--failures', 'draw retries, and highlight every path a failed message or batch can take')
    .option('--settings', 'label nodes and edges with their settings too')
    .addOption(diagnosticsOption())
    .action(
      async (file: string, options: { format?: string; out?: string; focus?: string; failures?: boolean; settings?: boolean; diagnostics: string }) => {
        const { runGraph } = await import('./commands/graph.js');
        exitCode = await runGraph(host, file, {
          format: options.format,
          out: options.out,
          focus: options.focus,
          failures: options.failures === true,
          settings: options.settings === true,
          diagnostics: parseFormat(options.diagnostics),
        });
      },
    );

  program
    .command('rename')
    .description('rename a function, resource or type in a .flow file and carry it into the handlers (their file and imported names)')
    .argument('<kind>', 'fn, queue, topic, bus, stream, table or type')
    .argument('<old>', 'the name now')
    .argument('<new>', 'the new name')
    .argument('<file>', 'a .flow file')
    .action(async (kind: string, from: string, to: string, file: string) => {
      const { runRename, RENAME_KINDS } = await import('./commands/rename.js');
      const known = RENAME_KINDS.find((k) => k === kind);
      if (known === undefined) throw new UsageError(`unknown kind \`${kind}\`: use ${RENAME_KINDS.join(', ')}`);
      exitCode = await runRename(host, known, from, to, file);
    });

  program
    .command('explain')
    .description('explain a diagnostic code, e.g. `flowc explain FL3002`; without a code, list them')
    .argument('[code]', 'a diagnostic code')
    .action(async (code: string | undefined) => {
      const { runExplain } = await import('./commands/explain.js');
      exitCode = runExplain(host, code);
    });

  return reportErrors(host, debug, CommanderError, async () => {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  });
}

/** Runs a command line, and turns what it throws into a message and an exit code. */
async function reportErrors(
  host: Host,
  debug: boolean,
  commanderError: (new (...args: never[]) => { exitCode: number }) | undefined,
  run: () => Promise<number>,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (commanderError !== undefined && error instanceof commanderError) {
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
