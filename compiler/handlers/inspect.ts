import { basename } from 'node:path';
import type { FlowManifest } from '../../runtime/manifest/schema.js';
import type { RelatedLabel, Suggestion } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { STUB_START } from '../emit/typescript/stubs.js';
import { Reporter } from '../diagnostics/reporter.js';
import { SourceFile } from '../source/source-file.js';
import { span } from '../source/span.js';
import type { HandlerFacts } from './facts.js';
import type { HandlerExport } from './handler-export.js';
import { type GeneratedNames, generatedNames, HANDLER_HELPERS } from './names.js';
import { relatedFunction } from './related.js';
import { unmatchedDetailTypes } from './unmatched-detail-types.js';

/** A handler source the CLI read: where it is (absolute), how to show it, and its text. */
export interface HandlerSource {
  readonly path: string;
  /** The path as diagnostics and suggested commands show it (relative to the working directory). */
  readonly display: string;
  readonly text: string;
}

export interface HandlerInspection {
  readonly manifest: FlowManifest;
  /** The .flow file, for the function lines the diagnostics relate to. */
  readonly flow: SourceFile;
  /** Each existing handler file with the functions whose `handler` it is. */
  readonly owned: readonly { readonly source: HandlerSource; readonly functions: readonly string[] }[];
  /** Sources in the handler folders that no function names (helpers among them are left alone). */
  readonly unowned: readonly HandlerSource[];
  /** How diagnostics show a handler path of the manifest (relative to the .flow folder), for the commands they suggest. */
  readonly display: (handler: string) => string;
  /** FL6003's severity: a warning while developing, an error for `package` and `deploy`. */
  readonly stubs: 'warning' | 'error';
  /** What the syntax of each file (owned and unowned, by path) says: read-facts.ts, or the CLI's cache of it. */
  readonly facts: ReadonlyMap<string, HandlerFacts>;
}

const JAVASCRIPT = /\.(c|m)?jsx?$/;

/**
 * Judges every handler against its function (FL6001–FL6008) from the facts of its syntax
 * (facts.ts), no type checker. A file that does not parse gets FL6005 and nothing else, so a
 * syntax error never also reads as a missing export.
 */
export function inspectHandlers(inspection: HandlerInspection): Diagnostic[] {
  const names = generatedNames(inspection.manifest);
  const diagnostics: Diagnostic[] = [];
  const freshStubs: string[] = [];
  for (const { source, functions } of inspection.owned) {
    const facts = inspection.facts.get(source.path);
    const owners = functions.map((f) => names.get(f)).filter((n): n is GeneratedNames => n !== undefined);
    const [first] = owners;
    if (facts === undefined || first === undefined) continue;
    const reporter = new Reporter(new SourceFile(source.display, source.text));
    const related = owners.map((n) => relatedFunction(inspection.flow, n.fn));
    const error = facts.syntaxError;
    // What a build killed mid-write left (empty, or the start of a stub): the next build
    // re-creates it (cli/commands/build.ts), so it is not judged as the user's code.
    const interrupted = source.text.length === 0 || ((source.text.startsWith(STUB_START) || STUB_START.startsWith(source.text)) && (error !== undefined || facts.export.kind === 'missing'));
    if (interrupted) continue;
    if (error !== undefined) {
      reporter.report('FL6005', span(error.start, error.start + Math.max(1, error.length)), `the handler of \`${first.fn.name}\` is not valid TypeScript: ${error.message}`, {
        label: error.message,
        related,
        help: `flowc reads the handler of \`${first.fn.name}\` to check it against the flow; fix the syntax first`,
      });
      diagnostics.push(...reporter.diagnostics);
      continue;
    }
    const found = facts.export;
    judgeExport(reporter, found, owners, names, related, { javascript: JAVASCRIPT.test(source.path), imported: new Map(facts.imported) });
    // A client the function was given and the code never calls: a `sends` added to the flow
    // that the handler does not know of yet, which `tsc` cannot see (an unused client is no error).
    const used = owners.length === 1 && (found.kind === 'variable' || found.kind === 'function') && facts.sendsUsed !== null ? new Set(facts.sendsUsed) : undefined;
    const unused = used === undefined ? [] : first.fn.sends.filter((target) => !used.has(target.name));
    if (unused.length > 0 && (found.kind === 'variable' || found.kind === 'function') && facts.stubThrows.length === 0) {
      const list = unused.map((t) => `\`${t.name}\``).join(', ');
      reporter.report('FL6007', span(found.name.start, found.name.end), `the handler of \`${first.fn.name}\` never uses ${unused.length === 1 ? 'its client' : 'its clients'} for ${list}`, {
        label: `\`${first.fn.name}\` \`sends\` to ${list}, and this code never calls \`${first.value}.sends.${unused[0]?.name ?? ''}\``,
        related,
        why: 'the flow grants the function the right to send there and says it does, so whatever reads it waits for messages that never come; `tsc` cannot tell, an unused client is no type error',
        help: `send with \`${first.value}.sends.${unused[0]?.name ?? ''}\`, or take ${list} out of the function's \`sends\``,
      });
    }
    // A detail-type the code puts on a bus that no rule takes any more (a rule's `match`
    // changed in the flow): the events are dropped by EventBridge, and `tsc` sees a string.
    if (owners.length === 1) {
      const busSends = first.fn.sends.filter((target) => target.kind === 'bus').map((target) => target.name);
      for (const unmatched of unmatchedDetailTypes(facts.detailTypePuts, inspection.manifest, busSends)) {
        reporter.report('FL6008', span(unmatched.place.start, unmatched.place.end), `no rule of bus \`${unmatched.bus}\` matches the detail-type ${unmatched.place.text}: these events go nowhere`, {
          label: `the ${unmatched.rules === 1 ? 'rule' : `${unmatched.rules} rules`} of \`${unmatched.bus}\` in the flow ${unmatched.rules === 1 ? 'does' : 'do'} not match it`,
          related,
          why: 'EventBridge accepts an event that no rule matches and drops it without an error; a rule whose `match` was changed in the flow leaves code that still puts the old detail-type, which `tsc` sees as a string like any other',
          help: `put the detail-type a rule of \`${unmatched.bus}\` matches, or add it to that rule's \`match { detail_type = … }\``,
        });
      }
    }
    const throws = facts.stubThrows;
    const [firstThrow, ...moreThrows] = throws;
    if (firstThrow !== undefined) {
      if (owners.length === 1) freshStubs.push(first.fn.name);
      reporter.report('FL6003', span(firstThrow.start, firstThrow.end), `the handler of \`${first.fn.name}\` is still the stub flowc wrote: it throws "not implemented"`, {
        label: 'every invocation fails here',
        secondary: moreThrows.map((t) => ({ span: span(t.start, t.end), message: 'and here' })),
        related,
        severity: inspection.stubs,
        why: 'a stub compiles and deploys, so nothing else stops it from shipping: every event it receives fails, is retried and ends on the failure path',
        help:
          inspection.stubs === 'error'
            ? 'write the handler in place of the `throw`, or pass `--allow-stubs` to ship it anyway'
            : 'write the handler in place of the `throw`; `flowc package` and `flowc deploy` refuse to ship a stub unless `--allow-stubs`',
      });
    }
    diagnostics.push(...reporter.diagnostics);
  }
  for (const source of inspection.unowned) {
    const facts = inspection.facts.get(source.path);
    if (facts === undefined) continue;
    const header = source.text.startsWith(STUB_START) ? /^[^`]*`([^`]+)`/.exec(source.text) : null;
    const exported: HandlerExport = facts.syntaxError === undefined ? facts.export : { kind: 'missing' };
    // A module that neither starts as a stub nor exports a handler is a helper the handlers share.
    if (header === null && (exported.kind === 'missing' || exported.kind === 'elsewhere')) continue;
    const reporter = new Reporter(new SourceFile(source.display, source.text));
    const at = header !== null ? span(0, source.text.indexOf('\n') === -1 ? source.text.length : source.text.indexOf('\n')) : exportSpan(exported);
    const former = header?.[1];
    const flowName = basename(inspection.manifest.source);
    const formerText = former !== undefined && !names.has(former) ? `: it was written for \`${former}\`, which the flow no longer declares` : '';
    reporter.report('FL6004', at, `no function of \`${flowName}\` has this file as its handler${formerText}`, {
      label: 'no function names this file',
      why: 'a function renamed in the flow gets a fresh stub at its new path, and the code written for it stays here, unused and never shipped',
      help: orphanHelp(source.display, former, freshStubs, names, inspection.display),
    });
    diagnostics.push(...reporter.diagnostics);
  }
  return diagnostics;
}

function judgeExport(
  reporter: Reporter,
  found: HandlerExport,
  owners: readonly GeneratedNames[],
  names: Map<string, GeneratedNames>,
  related: readonly RelatedLabel[],
  file: { javascript: boolean; imported: Map<string, string> },
): void {
  const [owner] = owners;
  if (owner === undefined) return;
  const example = `export const handler: ${owner.handlerType} = ${owner.value}.${owner.helper}(…)`;
  if (found.kind === 'missing') {
    const at = found.other === undefined ? span(0, 0) : span(found.other.start, found.other.end);
    reporter.report('FL6001', at, `the handler file of \`${owner.fn.name}\` does not export \`handler\`, the function Lambda calls`, {
      label: found.other === undefined ? 'no `handler` export in this file' : 'Lambda calls the export named `handler`, not the default export',
      related,
      why: 'the function is deployed with the handler `index.handler`: without that export every invocation fails with `Runtime.HandlerNotFound`',
      help: file.javascript ? `export it: \`export const handler = ${owner.value}.${owner.helper}(…)\`` : `export it, typed by the generated module: \`${example}\``,
    });
    return;
  }
  if (found.kind === 'elsewhere' || file.javascript) return;
  const why = 'only the generated type follows the flow: when a trigger, a payload type or a destination changes, `tsc` then points at the handler code that no longer fits';
  if (found.kind === 'function') {
    reporter.report('FL6002', span(found.name.start, found.name.end), `the \`handler\` of \`${owner.fn.name}\` is a function declaration, not typed with \`${owner.handlerType}\``, {
      label: 'a function declaration cannot take the handler type',
      related,
      why,
      help: `make it a constant built by the function's helper: \`${example}\``,
    });
    return;
  }
  const accepted = new Set(owners.map((o) => o.handlerType));
  if (found.typeName !== undefined && accepted.has(found.typeName)) return;
  const values = new Set(owners.map((o) => o.value));
  if (found.type === undefined && found.helper !== undefined && values.has(found.helper.value) && HANDLER_HELPERS.has(found.helper.method)) return;
  const byType = [...names.values()].find((n) => n.handlerType === found.typeName);
  const byHelper = found.type === undefined ? [...names.values()].find((n) => n.value === found.helper?.value && HANDLER_HELPERS.has(found.helper.method)) : undefined;
  const stranger = byType ?? byHelper;
  const at = span(found.name.start, (found.type ?? found.name).end);
  if (stranger !== undefined) {
    const what = byType !== undefined ? `typed \`${found.type?.text ?? ''}\`, the handler type of \`${stranger.fn.name}\`` : `built by \`${stranger.value}.${found.helper?.method ?? ''}\`, a helper of \`${stranger.fn.name}\``;
    reporter.report('FL6002', at, `the \`handler\` of \`${owner.fn.name}\` is ${what}`, {
      label: `this is \`${owner.fn.name}\`'s handler`,
      related,
      why: `this file is the handler of \`${owner.fn.name}\`, so its events, result and clients are \`${owner.fn.name}\`'s; a copied handler keeps another function's types`,
      help: `use \`${owner.handlerType}\` and \`${owner.value}\`'s helpers: \`${example}\``,
    });
    return;
  }
  const local = [...file.imported].find(([, name]) => name === owner.handlerType)?.[0];
  const suggestions: Suggestion[] =
    found.type === undefined && local !== undefined
      ? [{ title: `type it \`${local}\``, applicability: 'maybe-incorrect', edits: [{ span: span(found.name.end, found.name.end), replacement: `: ${local}` }] }]
      : [];
  reporter.report(
    'FL6002',
    at,
    found.type === undefined
      ? `the \`handler\` of \`${owner.fn.name}\` is not typed with \`${owner.handlerType}\``
      : `the \`handler\` of \`${owner.fn.name}\` is typed \`${found.type.text}\`, not the generated \`${owner.handlerType}\``,
    {
      label: found.type === undefined ? 'no type, and not built by the function\'s helper' : `\`tsc\` checks it against \`${found.type.text}\` only`,
      related,
      why,
      help: `type it with the generated handler type, or build it with the function's helper: \`${example}\``,
      suggestions,
    },
  );
}

function exportSpan(found: HandlerExport) {
  return found.kind === 'variable' || found.kind === 'function' ? span(found.name.start, found.name.end) : span(0, 0);
}

/** The command that deals with an orphaned handler; flowc itself never removes it. */
function orphanHelp(display: string, former: string | undefined, freshStubs: readonly string[], names: Map<string, GeneratedNames>, show: (handler: string) => string): string {
  const [only] = freshStubs;
  const target = only === undefined ? undefined : names.get(only)?.fn.handler;
  if (freshStubs.length === 1 && only !== undefined && target !== undefined) {
    const was = former !== undefined ? `\`${former}\`` : 'its function';
    return `if ${was} became \`${only}\`, whose handler is still a fresh stub, move this code over it: \`mv ${display} ${show(target)}\`; otherwise remove the file (\`rm ${display}\`). flowc never deletes a file itself`;
  }
  return `remove it (\`rm ${display}\`), or point a function at it (\`handler = "…"\`); flowc never deletes a file itself`;
}
