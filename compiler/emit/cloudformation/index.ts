import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { type FileMap, generatedHeader } from '../file-map.js';
import { buildTemplateParts, sourceName, type TemplateParts, templateOf } from './build-template.js';
import { cloudFormationLimits, fitsOneStack, type StackLimits, splitIntoNestedStacks } from './nested-stacks.js';
import { withOutputsUpTo } from './outputs.js';
import { tagTemplate } from './tags.js';
import { byteLength, serializeTemplate, type TemplateFormat, YamlPrinter } from './serialize.js';
import type { Resource, Template } from './template.js';

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
  const nested = new Map<string, Template>();
  const { rootFile, root } = layout(manifest, options, new YamlPrinter(), (file, template) => nested.set(file, template));
  return { rootFile, templates: new Map([[rootFile, root.template], ...nested]) };
}

/** Manifest → CloudFormation template files. */
export function emitCloudFormation(manifest: FlowManifest, options: CloudFormationOptions): EmittedTemplates {
  const printer = new YamlPrinter();
  const limits = options.limits ?? cloudFormationLimits;
  const files = new Map<string, string>();
  let resources = 0;
  const add = (path: string, template: Template, printed: string | undefined): void => {
    for (const id in template.Resources) if ((template.Resources[id] as Resource).Type !== 'AWS::CloudFormation::Stack') resources += 1;
    const text = printed ?? print(manifest, template, options, printer);
    const bytes = byteLength(text);
    if (bytes > limits.templateBytes) throw new Error(`internal: ${path} has ${bytes} bytes, over the limit of ${limits.templateBytes}`);
    files.set(path, text);
  };
  // Each nested stack is printed as soon as it is laid out, and its objects dropped: only the
  // texts are kept (nested-stacks.ts). The root comes first in `files`, its text last.
  const rootFile = `template.${options.format}`;
  files.set(rootFile, '');
  const { root } = layout(manifest, options, printer, (file, template) => add(file, template, undefined));
  add(rootFile, root.template, root.text);
  return { files, rootFile, counts: { resources, stacks: files.size } };
}

/**
 * Lays out the templates of an app: the nested stacks, if any, each given to `each` as it is
 * made, and the root template, with its text when printing it told whether it fits
 * (`printer`: one for all the templates of the app, which share most of their scalars, serialize.ts).
 */
function layout(
  manifest: FlowManifest,
  options: CloudFormationOptions,
  printer: YamlPrinter,
  each: (file: string, template: Template) => void,
): { rootFile: string; root: { template: Template; text: string | undefined } } {
  const limits = options.limits ?? cloudFormationLimits;
  const rootFile = `template.${options.format}`;
  const parts = buildTemplateParts(manifest);
  const flat = oneStack(manifest, parts, options, printer);
  if (flat !== undefined) return { rootFile, root: flat };
  const root = splitIntoNestedStacks(parts, limits, (n) => `stacks/stack${n}.${options.format}`, each);
  // The nested stacks' own resources carry the tags already (buildTemplate); the root's stacks get them here.
  return { rootFile, root: { template: tagTemplate(root, manifest.tags), text: undefined } };
}

/**
 * The app as one template, printed, when it fits one stack. (In a function of its own, so that
 * nothing of it is held while the nested stacks are laid out when it does not.)
 */
function oneStack(manifest: FlowManifest, parts: TemplateParts, options: CloudFormationOptions, printer: YamlPrinter): { template: Template; text: string } | undefined {
  const limits = options.limits ?? cloudFormationLimits;
  // (The outputs do not count in `fitsOneStack`.)
  if (!fitsOneStack(parts, limits)) return undefined;
  // A template holds at most `limits.outputs` outputs: the first ones (outputs.ts) are kept.
  const template = withOutputsUpTo(templateOf(parts), limits.outputs);
  const text = print(manifest, template, options, printer);
  return byteLength(text) <= limits.templateBytes ? { template, text } : undefined;
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
