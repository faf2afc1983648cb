import type { Template } from './template.js';
import { yamlNumber, yamlString } from './yaml-scalar.js';

export type TemplateFormat = 'yaml' | 'json';

/**
 * JSON, indented; or YAML the way aws-cdk writes CloudFormation YAML (`yaml-cfn.ts`): block
 * style, lines never folded, repeated values written out rather than as anchors and aliases,
 * intrinsic functions in their long form (no tags), and every scalar quoted wherever a YAML
 * 1.1 or 1.2 parser could read it as something else (yaml-scalar.ts). `header` is a comment
 * line for YAML (JSON has none).
 */
export function serializeTemplate(template: Template, format: TemplateFormat, header: string, printer = new YamlPrinter()): string {
  // JSON.stringify escapes lone surrogates (well-formed JSON.stringify, Node 12+), so the text
  // is valid UTF-16 and survives UTF-8 on disk; raw U+2028, DEL or C1 controls are valid JSON.
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  return `${header}${printer.print(template)}`;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** What a template is made of: plain JSON data. */
export type YamlData = string | number | boolean | readonly YamlData[] | { readonly [key: string]: YamlData };
type DataMap = { readonly [key: string]: YamlData };

/**
 * PyYAML, libyaml and the `yaml` package read an implicit key (`key: value`) only up to 1,024
 * characters; a longer one is written as an explicit key (`? key` and `: value` on the next line).
 */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Writes templates as block-style YAML. Each distinct string is printed once (yaml-scalar.ts)
 * and reused: a template repeats most of its strings (`Type`, `Fn::GetAtt`, the names of its
 * resources), and the templates of one app share many more, so one printer serves all of them.
 */
export class YamlPrinter {
  private readonly strings = new Map<string, string>();

  /** (A `Template` is an interface, which TypeScript does not take as an index signature.) */
  print(template: Template | YamlData): string {
    const value = template as YamlData;
    if (isSeq(value)) return `${value.length === 0 ? '[]' : this.seqBody(value, '')}\n`;
    if (isMap(value)) return `${isEmpty(value) ? '{}' : this.mapBody(value, '')}\n`;
    return `${this.scalar(value)}\n`;
  }

  private string(text: string): string {
    let printed = this.strings.get(text);
    if (printed === undefined) {
      printed = yamlString(text);
      this.strings.set(text, printed);
    }
    return printed;
  }

  private scalar(value: YamlData): string {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return yamlNumber(value);
      case 'boolean':
        return value ? 'true' : 'false';
      default:
        throw new Error(`internal: ${value === null ? 'null' : typeof value} in a template`);
    }
  }

  /**
   * The entries of a non-empty map whose entries start at `indent` (the first one where the
   * caller is): `key: scalar`, `key: {}`, or `key:` and the nested collection on the next
   * lines, two spaces deeper (sequences too: the `yaml` package's `indentSeq`).
   */
  private mapBody(map: DataMap, indent: string): string {
    const inner = `${indent}  `;
    const keys = Object.keys(map);
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = map[key] as YamlData;
      const printedKey = this.string(key);
      if (i > 0) out += `\n${indent}`;
      // After an explicit key, `:` starts the value's line like a key would.
      out += printedKey.length > MAX_IMPLICIT_KEY ? `? ${printedKey}\n${indent}:` : `${printedKey}:`;
      if (isSeq(value)) out += value.length === 0 ? ' []' : `\n${inner}${this.seqBody(value, inner)}`;
      else if (isMap(value)) out += isEmpty(value) ? ' {}' : `\n${inner}${this.mapBody(value, inner)}`;
      else out += ` ${this.scalar(value)}`;
    }
    return out;
  }

  /** The items of a non-empty sequence whose `- ` markers are at `indent`; an item's own lines are two deeper. */
  private seqBody(seq: readonly YamlData[], indent: string): string {
    const inner = `${indent}  `;
    let out = '';
    for (let i = 0; i < seq.length; i++) {
      const item = seq[i] as YamlData;
      out += i === 0 ? '- ' : `\n${indent}- `;
      if (isSeq(item)) out += item.length === 0 ? '[]' : this.seqBody(item, inner);
      else if (isMap(item)) out += isEmpty(item) ? '{}' : this.mapBody(item, inner);
      else out += this.scalar(item);
    }
    return out;
  }
}

function isSeq(value: YamlData): value is readonly YamlData[] {
  return Array.isArray(value);
}

/** (`null` is not data: `scalar` refuses it.) */
function isMap(value: YamlData): value is DataMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(map: DataMap): boolean {
  return Object.keys(map).length === 0;
}
