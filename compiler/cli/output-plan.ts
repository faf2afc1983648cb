import { dirname, join, sep } from 'node:path';
import { carriesGeneratedMarker, commentText, GENERATED_MARKER } from '../emit/file-map.js';
import type { Code } from '../diagnostics/codes.js';
import { type Host, HostError, type PathInfo } from './host.js';

/**
 * Every file a command writes, planned before any is written. `flowc build` and `flowc
 * package` list what they would write, create or remove (for every flow of the run), then
 * `planOutputs` checks all of it against the file system: no two outputs are the same file or
 * one inside the other, every parent can be a folder, no output is a folder, and a file flowc
 * would replace or remove carries flowc's marker. Only a plan without problems is applied, so a
 * problem writes nothing; a write that still fails (a full disk) is a diagnostic too, FL9006.
 */

/** Who asked for a path: the .flow file it comes from and what it is, for messages. */
export interface Origin {
  /** The .flow file (as named on the command line); absent for the inputs' own claims. */
  readonly flow: string;
  /** `the template of app \`shop\``, `the handler of \`charge\`` */
  readonly what: string;
  /** The kind of thing, to choose the help of a collision. */
  readonly role: 'template' | 'generated' | 'handler' | 'asset' | 'input' | 'project';
}

export type Output =
  /** flowc's own file: created, or replaced when the file there carries its marker (`owned`). */
  | (Origin & {
      readonly kind: 'generated';
      readonly path: string;
      readonly content: string | Uint8Array;
      readonly owned?: (host: Host, path: string) => boolean;
      /**
       * The generated module's .flow file: a module there that another .flow file of the same
       * folder wrote, in an earlier run, is that flow's and is not replaced (FL9040).
       */
      readonly flowFile?: { readonly folder: string; readonly name: string };
    })
  /**
   * A handler stub, the user's file once created: created when missing, re-created when the
   * file there is `recreate` (an interrupted stub, checked again before it is replaced),
   * otherwise kept.
   */
  | (Origin & { readonly kind: 'stub'; readonly path: string; readonly content: string | undefined; readonly recreate?: Uint8Array })
  /** A file of an earlier run that this one no longer writes: removed only when flowc's. */
  | (Origin & { readonly kind: 'stale'; readonly path: string; readonly owned?: (host: Host, path: string) => boolean })
  /** A path that is read, or a folder flowc owns: no output may be it, or be inside a reserved folder (`reserves`). */
  | (Origin & { readonly kind: 'claim'; readonly path: string; readonly reserves?: 'folder' });

export interface OutputProblem {
  readonly code: Code;
  readonly message: string;
  readonly help: string;
}

export type Step =
  /** `unchanged`: the file holds these bytes already, and is left as it is (its time kept). */
  | { readonly kind: 'write'; readonly path: string; readonly content: string | Uint8Array; readonly unchanged?: boolean }
  | { readonly kind: 'create'; readonly path: string; readonly content: string }
  | { readonly kind: 'recreate'; readonly path: string; readonly content: string; readonly expected: Uint8Array }
  | { readonly kind: 'keep'; readonly path: string }
  | { readonly kind: 'remove'; readonly path: string };

export interface Plan {
  readonly problems: readonly OutputProblem[];
  readonly steps: readonly Step[];
}

/** The largest file flowc reads to look for its marker: its templates are at most 1 MB (CloudFormation's limit). */
const MARKER_READ_LIMIT = 2 * 1024 * 1024;

/**
 * Whether the file at `path` is one flowc wrote: by its marker (file-map.ts). A JSON file is
 * read whole, so one over the limit is not flowc's; any other file only for its first line (the
 * generated TypeScript of 10,000 functions is about 7 MB, and is flowc's).
 */
export function hasGeneratedMarker(host: Host, path: string): boolean {
  const info = host.inspect(path);
  const json = path.endsWith('.json');
  if (info.kind !== 'file' || (json && info.size > MARKER_READ_LIMIT)) return false;
  const bytes = host.readFile(path, json ? MARKER_READ_LIMIT : 4096);
  return carriesGeneratedMarker(path, new TextDecoder().decode(bytes));
}

/**
 * Paths are compared without case: on macOS and Windows `Shop/template.yaml` and
 * `shop/template.yaml` are one file, and a run must not depend on the machine to be safe.
 */
function keyOf(path: string): string {
  return path.toLowerCase();
}

export function planOutputs(host: Host, outputs: readonly Output[], show: (path: string) => string): Plan {
  const problems: OutputProblem[] = [];
  const byKey = new Map<string, Output[]>();
  for (const output of outputs) {
    const key = keyOf(output.path);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [output]);
    else if (!list.some((other) => sameOutput(other, output))) list.push(output);
  }

  // The same file twice.
  const collided = new Set<string>();
  for (const [key, list] of byKey) {
    // Two flows of one folder reserve its generated folder both: their modules collide, not the folders.
    if (list.length < 2 || list.every((o) => o.kind === 'claim' && o.reserves === 'folder')) continue;
    const [first, second] = list as [Output, Output];
    collided.add(key);
    problems.push({
      code: 'FL9003',
      message: `${show(first.path)} is ${list.map(describe).join(' and also ')}`,
      help: collisionHelp(first, second),
    });
  }
  // A file where another output needs a folder, and handlers inside a folder flowc owns.
  const reserved = outputs.filter((o) => o.kind === 'claim' && o.reserves === 'folder');
  for (const output of outputs) {
    // One diagnostic per mistake: a file already reported as written twice is not reported again.
    if (output.kind === 'claim' || collided.has(keyOf(output.path))) continue;
    for (let parent = dirname(output.path); parent !== dirname(parent); parent = dirname(parent)) {
      const holder = byKey.get(keyOf(parent))?.find((o) => o.kind !== 'claim' || o.reserves !== 'folder');
      if (holder !== undefined) {
        problems.push({
          code: 'FL9003',
          message: `${show(parent)} is ${describe(holder)}, but it must be a folder for ${show(output.path)}, ${describe(output)}`,
          help: collisionHelp(holder, output),
        });
        break;
      }
    }
    if (output.kind === 'stub') {
      const folder = reserved.find((r) => isInside(output.path, r.path));
      if (folder !== undefined) {
        problems.push({
          code: 'FL9003',
          message: `${show(output.path)}, ${describe(output)}, is inside ${show(folder.path)}, ${describe(folder)}`,
          help: 'keep handlers out of the folder of the generated TypeScript: move the handler (`handler = "…"` or the app\'s `handlers`), or the generated folder (`--generated DIR`)',
        });
      }
    }
  }
  if (problems.length > 0) return { problems, steps: [] };

  const steps: Step[] = [];
  const look = memoized(host);
  for (const output of outputs) {
    if (output.kind === 'claim') continue;
    const blocked = blockedParent(look, output.path);
    if (blocked !== undefined) {
      problems.push({ code: 'FL9004', message: `cannot write ${show(output.path)} (${output.what}): ${blocked.replace('%', show(dirnameOfBlock(look, output.path)))}`, help: blockedHelp(output) });
      continue;
    }
    const problem = planOne(host, look(output.path), output, show, steps);
    if (problem !== undefined) problems.push(problem);
  }
  return problems.length > 0 ? { problems, steps: [] } : { problems, steps };
}

function planOne(host: Host, info: PathInfo, output: Exclude<Output, { kind: 'claim' }>, show: (path: string) => string, steps: Step[]): OutputProblem | undefined {
  const at = show(output.path);
  if (output.kind === 'stale' && info.kind === 'directory') return notFlowcs(at, output, 'remove');
  if (info.kind === 'directory') {
    return { code: 'FL9004', message: `cannot write ${at} (${output.what}): it is a folder`, help: 'move the folder away, or choose another output folder with `-o`' };
  }
  if (info.kind === 'other') {
    return { code: 'FL9004', message: `cannot write ${at} (${output.what}): ${info.reason}`, help: 'remove what is there, or choose another output folder with `-o`' };
  }
  switch (output.kind) {
    case 'generated': {
      if (info.kind === 'missing') {
        steps.push({ kind: 'write', path: output.path, content: output.content });
        return undefined;
      }
      // A file that holds these bytes already loses nothing: it is not asked whether it is
      // flowc's (for a JSON template, a parse of all of it), nor written again (a rebuild after a
      // one-line change rewrites only the stacks that changed).
      if (holds(host, output.path, info, output.content)) {
        steps.push({ kind: 'write', path: output.path, content: output.content, unchanged: true });
        return undefined;
      }
      const owned = isOwned(host, output);
      if (typeof owned === 'string') return unreadable(at, output, owned);
      if (!owned) return notFlowcs(at, output, 'replace');
      const other = output.flowFile === undefined ? undefined : otherFlowOf(host, output.path, output.flowFile);
      if (other !== undefined) {
        return {
          code: 'FL9040',
          message: `${at} is the generated TypeScript of ${other}, which is beside ${output.flowFile?.name}; building ${output.flow} would replace it with its own`,
          help: 'put each .flow file in a folder of its own (the generated TypeScript goes beside it), or build this one with another `--generated DIR`; delete the module if its flow is gone',
        };
      }
      steps.push({ kind: 'write', path: output.path, content: output.content });
      return undefined;
    }
    case 'stub': {
      if (info.kind === 'missing' && output.content !== undefined) steps.push({ kind: 'create', path: output.path, content: output.content });
      else if (output.recreate !== undefined && output.content !== undefined) steps.push({ kind: 'recreate', path: output.path, content: output.content, expected: output.recreate });
      else steps.push({ kind: 'keep', path: output.path });
      return undefined;
    }
    case 'stale': {
      if (info.kind === 'missing') return undefined;
      const owned = isOwned(host, output);
      if (typeof owned === 'string') return unreadable(at, output, owned);
      if (!owned) return notFlowcs(at, output, 'remove');
      steps.push({ kind: 'remove', path: output.path });
      return undefined;
    }
  }
}

const GENERATED_FROM = new RegExp(`^// ${GENERATED_MARKER} (.+?)\\. Do not edit`);

/**
 * The .flow file (of `flowFile.folder`) that the generated module at `path` names in its
 * header, when that is another file and it is still there; undefined otherwise (a flow that was
 * renamed or removed leaves a module the new one may replace).
 */
function otherFlowOf(host: Host, path: string, flowFile: { readonly folder: string; readonly name: string }): string | undefined {
  const firstLine = new TextDecoder().decode(host.readFile(path, 4096)).split('\n', 1)[0] ?? '';
  const named = GENERATED_FROM.exec(firstLine)?.[1];
  if (named === undefined || named === commentText(flowFile.name) || named.includes('/') || named.includes('\\')) return undefined;
  return host.inspect(join(flowFile.folder, named)).kind === 'file' ? named : undefined;
}

/** Whether the file at `path` (a file of `info.size` bytes) is exactly `content`; false when it cannot be read. */
function holds(host: Host, path: string, info: PathInfo, content: string | Uint8Array): boolean {
  if (info.kind !== 'file' || (typeof content !== 'string' && info.size !== content.byteLength) || (typeof content === 'string' && info.size < content.length)) return false;
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  if (info.size !== bytes.byteLength) return false;
  try {
    return equalBytes(host.readFile(path, bytes.byteLength + 1), bytes);
  } catch (error) {
    if (error instanceof HostError) return false;
    throw error;
  }
}

/** Whether the file at an output's path is flowc's, or why it cannot be read to tell. */
function isOwned(host: Host, output: Extract<Output, { kind: 'generated' | 'stale' }>): boolean | string {
  try {
    return (output.owned ?? hasGeneratedMarker)(host, output.path);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    return error.message.startsWith(`${output.path}: `) ? error.message.slice(output.path.length + 2) : error.message;
  }
}

function unreadable(at: string, output: Origin, reason: string): OutputProblem {
  return { code: 'FL9004', message: `cannot write ${at} (${output.what}): the file there cannot be read to check that flowc wrote it (${reason})`, help: 'make the file readable, or move it away' };
}

function notFlowcs(at: string, output: Origin, action: 'replace' | 'remove'): OutputProblem {
  return {
    code: 'FL9005',
    message:
      action === 'replace'
        ? `${at} was not written by flowc (it has no generated marker); flowc would replace it with ${output.what}`
        : `${at} was not written by flowc (it has no generated marker); flowc would remove it as ${output.what}`,
    help: 'flowc replaces and removes only files it wrote: move the file away (or delete it if it is an old flowc output), or choose another output folder with `-o`',
  };
}

/** Writes the plan. A failure is FL9006, naming the file; what was written before it is listed by the caller from `done`. */
export function applyPlan(host: Host, plan: Plan, show: (path: string) => string, done: (step: Step) => void): OutputProblem | undefined {
  for (const step of plan.steps) {
    try {
      switch (step.kind) {
        case 'write':
          if (step.unchanged !== true) host.writeFileAtomic(step.path, step.content);
          break;
        case 'create':
          if (!host.writeFileIfAbsent(step.path, step.content)) {
            done({ kind: 'keep', path: step.path });
            continue;
          }
          break;
        case 'recreate': {
          // Looked at again just before: a file the user changed since the plan is kept.
          const info = host.inspect(step.path);
          const now = info.kind === 'file' && info.size === step.expected.byteLength ? host.readFile(step.path, info.size) : undefined;
          if (now === undefined || !equalBytes(now, step.expected)) {
            done({ kind: 'keep', path: step.path });
            continue;
          }
          host.writeFileAtomic(step.path, step.content);
          break;
        }
        case 'remove':
          host.removeFile(step.path);
          break;
        case 'keep':
          break;
      }
    } catch (error) {
      if (!(error instanceof HostError)) throw error;
      const reason = error.message.startsWith(`${step.path}: `) ? error.message.slice(step.path.length + 2) : error.message;
      return {
        code: 'FL9006',
        message: `cannot ${step.kind === 'remove' ? 'remove' : 'write'} ${show(step.path)}: ${reason}`,
        help: 'fix the cause (space, permissions) and run again; the files written before this one are listed above, each of them complete, and the others are as they were',
      };
    }
    done(step);
  }
  return undefined;
}

function sameOutput(a: Output, b: Output): boolean {
  return a.kind === b.kind && a.flow === b.flow && a.what === b.what && a.path === b.path;
}

function describe(output: Output): string {
  return output.role === 'input' ? output.what : `${output.what} (${output.flow})`;
}

function collisionHelp(a: Output, b: Output): string {
  const roles = new Set([a.role, b.role]);
  if (roles.has('input')) return 'choose output folders that do not hold the files flowc reads';
  if (a.role === 'template' && b.role === 'template') return 'give each flow its own `app` name, or build the flows one at a time, each with its own `-o`';
  if (a.role === 'generated' && b.role === 'generated') return 'put each .flow file in a folder of its own (the generated TypeScript goes beside it), or build them one at a time with different `--generated` folders';
  if (roles.has('handler') && roles.has('generated')) return 'move the handler (`handler = "…"` or the app\'s `handlers`), or the generated TypeScript (`--generated DIR`)';
  if (roles.has('handler') && a.role === b.role) return 'give each flow its own handler files (`handler = "…"` or the app\'s `handlers`)';
  return 'choose an output folder (`-o`) apart from the handlers and the generated TypeScript';
}

function blockedHelp(output: Origin): string {
  if (output.role === 'project') return 'move the file that is in the way, or give `flowc init` another folder';
  return output.role === 'handler'
    ? 'move the file that is in the way, or point the handler elsewhere (`handler = "…"`)'
    : 'move the file that is in the way, or choose another output folder with `-o` (or `--generated`)';
}

function isInside(path: string, folder: string): boolean {
  return keyOf(path).startsWith(`${keyOf(folder)}${sep}`);
}

/** `stat` once per path: a build asks about the same folders for every handler. */
function memoized(host: Host): (path: string) => PathInfo {
  const seen = new Map<string, PathInfo>();
  return (path) => {
    let info = seen.get(path);
    if (info === undefined) {
      info = host.inspect(path);
      seen.set(path, info);
    }
    return info;
  };
}

/**
 * Why the folders above `path` cannot hold it, with `%` for the folder at fault: the nearest
 * existing ancestor is a file, is not a folder, or may not be written to.
 */
function blockedParent(look: (path: string) => PathInfo, path: string): string | undefined {
  for (let parent = dirname(path); ; parent = dirname(parent)) {
    const info = look(parent);
    if (info.kind === 'missing') {
      if (dirname(parent) === parent) return undefined;
      continue;
    }
    if (info.kind === 'directory') return info.writable ? undefined : '% may not be written to (permission denied)';
    if (info.kind === 'file') return '% is a file, not a folder';
    return `% is not a folder (${info.reason})`;
  }
}

function dirnameOfBlock(look: (path: string) => PathInfo, path: string): string {
  for (let parent = dirname(path); ; parent = dirname(parent)) {
    if (look(parent).kind !== 'missing' || dirname(parent) === parent) return parent;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
