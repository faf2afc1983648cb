import { generateCstDts } from 'chevrotain';
import { FlowParser } from './parser.js';

export const CST_DTS_HEADER = '// Generated from grammar/parser.ts by `npm run gen`. DO NOT EDIT.\n';

/** The CST interfaces of the grammar, as written to `cst.generated.d.ts`. */
export function generateCstTypes(): string {
  const parser = new FlowParser();
  return CST_DTS_HEADER + generateCstDts(parser.getGAstProductions(), { includeVisitorInterface: false });
}
