import type { FunctionSpec } from '../../runtime/manifest/schema.js';
import type { RelatedLabel } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import { span } from '../source/span.js';

/** The .flow line of a function: its name in its declaration, which a handler's diagnostics relate to. */
export function relatedFunction(flow: SourceFile, fn: FunctionSpec): RelatedLabel {
  const start = flow.offset(fn.origin);
  return { source: flow, span: span(start, start + fn.name.length), message: 'the function this file is the handler of' };
}
