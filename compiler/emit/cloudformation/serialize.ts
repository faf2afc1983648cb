import { Document, isScalar, visit } from 'yaml';
import type { Template } from './template.js';

export type TemplateFormat = 'yaml' | 'json';

/**
 * JSON, indented; or YAML 1.1 the way aws-cdk writes CloudFormation YAML (`yaml-cfn.ts`): the
 * 1.1 schema quotes strings such as `yes`, `on` and `2010-09-09` that CloudFormation's parser
 * would read as booleans or dates, lines are never folded, and repeated values are written out
 * rather than as anchors and aliases. `header` is a comment line for YAML (JSON has none).
 */
export function serializeTemplate(template: Template, format: TemplateFormat, header: string): string {
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  const document = new Document(template, { version: '1.1', aliasDuplicateObjects: false });
  // The one plain scalar that YAML 1.1 reads as a string and YAML 1.2 as a number: `0o17`.
  visit(document, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^0o[0-7]+$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return `${header}${document.toString({ lineWidth: 0, minContentWidth: 0 })}`;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
