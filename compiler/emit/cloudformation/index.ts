import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { type FileMap, generatedHeader } from '../file-map.js';
import { buildTemplate, sourceName } from './build-template.js';
import { cloudFormationLimits, fitsOneStack, type StackLimits, splitIntoNestedStacks } from './nested-stacks.js';
import { withOutputsUpTo } from './outputs.js';
import { tagTemplate } from './tags.js';
import { byteLength, serializeTemplate, type TemplateFormat, YamlPrinter } from './serialize.js';
import type { Template } from './template.js';

export { buildTemplate } from './build-template.js';
export { HANDLER_ENTRY } from './resources/functions.js';
export { ASSETS_BUCKET_PARAMETER, codeKeyParameter, declarationId, LogicalIds, type LogicalIdOwner } from './logical-id.js';
export { cloudFormationLimits, type StackLimits } from './nested-stacks.js';
export type { FlowcOrigin, Resource, Template } from './template.js';

export interface CloudFormationOptions {
  readonly format: TemplateFormat;
  /** CloudFormation's limits per template by default; tests lower them to exercise nested stacks. */
  readonly limits?: StackLimits;
  /**
   * Where an unchanged template's text is found again (`flowc watch`'s memory): given a
   * template's key (its format, header and compact JSON, which decide its text), the text
   * printed for it before, or undefined. Printing is skipped on a hit.
   */
  readonly printed?: PrintedTemplates;
}

/** Texts of templates printed before, by `templateKey`. */
export interface PrintedTemplates {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

export interface CloudFormationOutput {
  /** Paths relative to the output folder; the root template is `rootFile`, nested stacks beside it. */
  readonly files: FileMap;
  readonly rootFile: string;
}

/** The output with what it holds, for the line `flowc build` prints. */
export interface EmittedTemplates extends CloudFormationOutput {
  /** Resources other than the nested stacks themselves, and stacks (the root counts). */
  readonly counts: { readonly resources: number; readonly stacks: number };
}

export interface TemplateSet {
  readonly rootFile: string;
  /** By path relative to the output folder, the root first, then the nested stacks in order. */
  readonly templates: ReadonlyMap<string, Template>;
}

/**
 * The templates of an app: one `template.<format>` when the app fits in one stack, else a root
 * template with one `AWS::CloudFormation::Stack` per file under `stacks/` (see nested-stacks.ts).
 */
export function layoutTemplates(manifest: FlowManifest, options: CloudFormationOptions): TemplateSet {
  return layout(manifest, options).set;
}

/** Manifest → CloudFormation template files. */
export function emitCloudFormation(manifest: FlowManifest, options: CloudFormationOptions): EmittedTemplates {
  const printer = new YamlPrinter();
  const { set, printed } = layout(manifest, options, printer);
  const limits = options.limits ?? cloudFormationLimits;
  const files = new Map<string, string>();
  let resources = 0;
  for (const [path, template] of set.templates) {
    resources += Object.values(template.Resources).filter((resource) => resource.Type !== 'AWS::CloudFormation::Stack').length;
    const text = printed.get(path) ?? print(manifest, template, options, printer);
    const bytes = byteLength(text);
    if (bytes > limits.templateBytes) throw new Error(`internal: ${path} has ${bytes} bytes, over the limit of ${limits.templateBytes}`);
    files.set(path, text);
  }
  return { files, rootFile: set.rootFile, counts: { resources, stacks: set.templates.size } };
}

/** `printer`: one for all the templates of the app, which share most of their scalars (serialize.ts). */
function layout(manifest: FlowManifest, options: CloudFormationOptions, printer = new YamlPrinter()): { set: TemplateSet; printed: Map<string, string> } {
  const limits = options.limits ?? cloudFormationLimits;
  const rootFile = `template.${options.format}`;
  const full = buildTemplate(manifest);
  // (The outputs do not count in `fitsOneStack`.)
  if (fitsOneStack(full, limits)) {
    // A template holds at most `limits.outputs` outputs: the first ones (outputs.ts) are kept.
    const flat = withOutputsUpTo(full, limits.outputs);
    const text = print(manifest, flat, options, printer);
    if (byteLength(text) <= limits.templateBytes) return { set: { rootFile, templates: new Map([[rootFile, flat]]) }, printed: new Map([[rootFile, text]]) };
  }
  const nested = splitIntoNestedStacks(full, limits, (n) => `stacks/stack${n}.${options.format}`);
  // The nested stacks' own resources carry the tags already (buildTemplate); the root's stacks get them here.
  const templates = new Map<string, Template>([[rootFile, tagTemplate(nested.root, manifest.tags)]]);
  for (const { file, template } of nested.nested) templates.set(file, template);
  return { set: { rootFile, templates }, printed: new Map() };
}

function print(manifest: FlowManifest, template: Template, options: CloudFormationOptions, printer: YamlPrinter): string {
  const header = generatedHeader(sourceName(manifest), '#');
  if (options.printed === undefined) return serializeTemplate(template, options.format, header, printer);
  const key = templateKey(template, options.format, header);
  const known = options.printed.get(key);
  if (known !== undefined) return known;
  const text = serializeTemplate(template, options.format, header, printer);
  options.printed.set(key, text);
  return text;
}

/**
 * What decides a template's text: its format, the header (YAML's first line) and its data,
 * as compact JSON (native, several times faster than printing YAML; the JSON format's printing
 * is the same call with indentation). Both printers write a template's keys in the order
 * JSON.stringify does, and its data is JSON (serialize.ts).
 */
function templateKey(template: Template, format: TemplateFormat, header: string): string {
  return `${format}\n${format === 'yaml' ? header : ''}${JSON.stringify(template)}`;
}
