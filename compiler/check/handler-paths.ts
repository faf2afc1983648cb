import { handlerPathProblem, normalizedSegments, type PathProblem } from '../../runtime/manifest/handler-path.js';
import type { DeclarationSymbol } from '../resolve/program.js';
import type { Setting, StringValue } from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/**
 * The path settings the handler rules judge (FL2014–FL2017): a function's `handler` (a file)
 * and the app's `handlers` (the folder of every function without its own `handler`). Shared by
 * those rules; not a rule itself. A function's default handler `<handlers>/<fn>.ts` is judged
 * through the app's setting, so a wrong folder is reported once, not once per function.
 */
export interface PathSetting {
  readonly setting: Setting;
  readonly value: StringValue;
  readonly expect: 'file' | 'folder';
  /** The worst problem of the text, if any (handler-path.ts). */
  readonly problem: PathProblem | undefined;
  /** The segments inside the folder of the .flow file; undefined when `problem` says there are none. */
  readonly segments: readonly string[] | undefined;
}

export function handlerSetting(fn: DeclarationSymbol, context: CheckContext): PathSetting | undefined {
  return pathSetting(context.writtenOf(context.fn(fn), 'handler'), 'file');
}

export function handlersFolderSetting(context: CheckContext): PathSetting | undefined {
  return pathSetting(context.writtenOf(context.app, 'handlersFolder'), 'folder');
}

function pathSetting(setting: Setting | undefined, expect: 'file' | 'folder'): PathSetting | undefined {
  if (setting?.value.kind !== 'StringValue') return undefined;
  const problem = handlerPathProblem(setting.value.value, expect);
  const segments = problem === undefined ? normalizedSegments(setting.value.value) : undefined;
  return { setting, value: setting.value, expect, problem, segments };
}

