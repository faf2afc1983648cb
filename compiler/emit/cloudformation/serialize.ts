import { Document, isScalar, type Scalar, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Template } from './template.js';

export type TemplateFormat = 'yaml' | 'json';

/**
 * JSON, indented; or YAML 1.1 the way aws-cdk writes CloudFormation YAML (`yaml-cfn.ts`): the
 * 1.1 schema quotes strings such as `yes`, `on` and `2010-09-09` that CloudFormation's parser
 * would read as booleans or dates, lines are never folded, and repeated values are written out
 * rather than as anchors and aliases. `header` is a comment line for YAML (JSON has none).
 */
export function serializeTemplate(template: Template, format: TemplateFormat, header: string, printer = new YamlPrinter()): string {
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  return `${header}${printer.print(template)}`;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const documentOptions = { version: '1.1', aliasDuplicateObjects: false } as const;
const printOptions = { lineWidth: 0, minContentWidth: 0 } as const;

/** The one plain scalar that YAML 1.1 reads as a string and YAML 1.2 as a number: `0o17`. */
const OCTAL_1_2 = /^0o[0-7]+$/;

/**
 * The YAML of `value` as the `yaml` package prints a whole document of it, node by node: the
 * definition of the output. `YamlPrinter` gives the same bytes faster; the tests hold the two equal.
 */
export function documentYaml(value: unknown): string {
  const document = new Document(value, documentOptions);
  visit(document, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && OCTAL_1_2.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString(printOptions);
}

type Plain = string | number | boolean;
type Data = Plain | readonly Data[] | { readonly [key: string]: Data };
type DataMap = { readonly [key: string]: Data };

const MAX_DEPTH = 1000;

/**
 * Prints templates as `documentYaml` does, byte for byte, faster: the block structure (a
 * template is plain JSON data: maps, sequences, scalars) is written here, and every scalar and
 * key is printed by the `yaml` package, which spends most of its time deciding how to print a
 * scalar. In block style a scalar on one line prints the same at any depth, so each distinct
 * one is printed once, in a batch, and reused: a template repeats most of its strings (`Type`,
 * `Fn::GetAtt`, the names of its resources), and the templates of one app share many more, so
 * one printer serves all of them. What the block writer does not cover (a string or key with a
 * line break, a key that starts like a document marker, null, anything but plain data) is
 * printed node by node by `documentYaml`.
 */
export class YamlPrinter {
  private readonly values = new Map<Plain, string>();
  private readonly keys = new Map<string, string>();

  print(value: unknown): string {
    return this.block(value) ?? documentYaml(value);
  }

  /** Undefined when `value` is not what the block writer covers (nor a map or a sequence). */
  block(value: unknown): string | undefined {
    const newValues: Plain[] = [];
    const newKeys: string[] = [];
    if (!this.collect(value, newValues, newKeys, 0) || !this.printValues(newValues) || !this.printKeys(newKeys)) {
      for (const v of newValues) this.values.delete(v);
      for (const k of newKeys) this.keys.delete(k);
      return undefined;
    }
    const data = value as Data;
    if (isSeq(data)) return `${data.length === 0 ? '[]' : this.seqBody(data, '')}\n`;
    if (isMap(data)) return `${isEmpty(data) ? '{}' : this.mapBody(data, '')}\n`;
    // A scalar document prints differently from a scalar inside a collection (`--- a`).
    return undefined;
  }

  /**
   * Checks that `value` is plain data the block writer covers, and gathers the scalars and keys
   * not printed yet (entered with an empty text until they are).
   */
  private collect(value: unknown, values: Plain[], keys: string[], depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    switch (typeof value) {
      case 'string':
        if (this.values.has(value)) return true;
        this.values.set(value, '');
        values.push(value);
        return !value.includes('\n');
      case 'number':
      case 'boolean':
        if (!this.values.has(value)) {
          this.values.set(value, '');
          values.push(value);
        }
        return true;
      case 'object': {
        if (value === null) return false;
        if (Array.isArray(value)) {
          for (const item of value) if (!this.collect(item, values, keys, depth + 1)) return false;
          return true;
        }
        const prototype = Object.getPrototypeOf(value) as unknown;
        if (prototype !== Object.prototype && prototype !== null) return false;
        for (const key of Object.keys(value)) {
          if (!this.keys.has(key)) {
            this.keys.set(key, '');
            keys.push(key);
            // The package prints a key that starts like a document marker differently at the top level.
            if (key.includes('\n') || /^(?:%|---|\.\.\.)/.test(key)) return false;
          }
          if (!this.collect((value as DataMap)[key], values, keys, depth + 1)) return false;
        }
        return true;
      }
      default:
        return false;
    }
  }

  /** Prints scalars as the items of one block sequence (`- <scalar>` a line), the way they print as values anywhere. */
  private printValues(values: readonly Plain[]): boolean {
    if (values.length === 0) return true;
    const document = new Document(values, documentOptions);
    for (const node of (document.contents as YAMLSeq<Scalar>).items) {
      if (typeof node.value === 'string' && OCTAL_1_2.test(node.value)) node.type = 'QUOTE_DOUBLE';
    }
    const lines = document.toString({ ...printOptions, directives: false }).split('\n');
    if (lines.pop() !== '' || lines.length !== values.length) return false;
    for (const line of lines) if (!line.startsWith('- ')) return false;
    values.forEach((v, i) => this.values.set(v, (lines[i] as string).slice(2)));
    return true;
  }

  /** Prints keys as the keys of one block map (`<key>: 0` a line). */
  private printKeys(keys: readonly string[]): boolean {
    if (keys.length === 0) return true;
    // A map node built pair by pair: from an object, integer-like keys would come first; from a
    // JS Map, the 1.1 schema would print an `!!omap`.
    const document = new Document({}, documentOptions);
    const map = document.contents as YAMLMap;
    for (const key of keys) {
      const pair = document.createPair(key, 0);
      if (OCTAL_1_2.test(key)) (pair.key as Scalar).type = 'QUOTE_DOUBLE';
      map.items.push(pair);
    }
    const lines = document.toString({ ...printOptions, directives: false }).split('\n');
    if (lines.pop() !== '' || lines.length !== keys.length) return false;
    // A key longer than 1024 characters would be an explicit key (`? …`), on two lines.
    for (const line of lines) if (!line.endsWith(': 0') || line.startsWith('? ')) return false;
    keys.forEach((key, i) => this.keys.set(key, (lines[i] as string).slice(0, -3)));
    return true;
  }

  /**
   * The entries of a non-empty map whose entries start at `indent` (the first one where the
   * caller is): `key: scalar`, `key: {}`, or `key:` and the nested collection on the next
   * lines, two spaces deeper (sequences too: the package's `indentSeq`).
   */
  private mapBody(map: DataMap, indent: string): string {
    const inner = `${indent}  `;
    const keys = Object.keys(map);
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = map[key] as Data;
      out += `${i === 0 ? '' : `\n${indent}`}${this.keys.get(key) as string}:`;
      if (isSeq(value)) out += value.length === 0 ? ' []' : `\n${inner}${this.seqBody(value, inner)}`;
      else if (isMap(value)) out += isEmpty(value) ? ' {}' : `\n${inner}${this.mapBody(value, inner)}`;
      else out += ` ${this.values.get(value) as string}`;
    }
    return out;
  }

  /** The items of a non-empty sequence whose `- ` markers are at `indent`; an item's own lines are two deeper. */
  private seqBody(seq: readonly Data[], indent: string): string {
    const inner = `${indent}  `;
    let out = '';
    for (let i = 0; i < seq.length; i++) {
      const item = seq[i] as Data;
      out += i === 0 ? '- ' : `\n${indent}- `;
      if (isSeq(item)) out += item.length === 0 ? '[]' : this.seqBody(item, inner);
      else if (isMap(item)) out += isEmpty(item) ? '{}' : this.mapBody(item, inner);
      else out += this.values.get(item) as string;
    }
    return out;
  }
}

function isSeq(value: Data): value is readonly Data[] {
  return Array.isArray(value);
}

function isMap(value: Data): value is DataMap {
  return typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(map: DataMap): boolean {
  return Object.keys(map).length === 0;
}
