import { type CollectionTag, isMap, isSeq, parse as parseYaml, type ScalarTag } from 'yaml';
import { type YamlData, YamlPrinter } from '../emit/cloudformation/serialize.js';
import { DeployError } from './errors.js';

/**
 * CloudFormation templates as deploy and diff read them: the parts flowc relies on, typed;
 * everything else kept as it is. The contracts with the emitter (compiler/emit/cloudformation):
 * - parameter `FlowcAssetsBucket` and, per function, `<FunctionLogicalId>CodeKey` in the root
 *   template, which `flowc package` and `flowc deploy` fill;
 * - `Metadata: { flowc: { name, line, column } }` on every resource: where in the .flow file
 *   it comes from.
 */
export interface CfnTemplate {
  Parameters?: Record<string, CfnParameter>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, unknown>;
  [section: string]: unknown;
}

export interface CfnParameter {
  Type: string;
  Default?: unknown;
  [key: string]: unknown;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DeletionPolicy?: unknown;
  UpdateReplacePolicy?: unknown;
  [key: string]: unknown;
}

export const ASSETS_BUCKET_PARAMETER = 'FlowcAssetsBucket';

/** The .flow declaration or edge a resource comes from (`Metadata.flowc`). */
export interface FlowOrigin {
  /** A declaration name (`charge`, `payouts`) or an edge id (`receipts->email`). */
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

export function flowOrigin(resource: CfnResource | undefined): FlowOrigin | undefined {
  const flowc = resource?.Metadata?.['flowc'];
  if (typeof flowc !== 'object' || flowc === null) return undefined;
  const { name, line, column } = flowc as Record<string, unknown>;
  if (typeof name !== 'string' || typeof line !== 'number') return undefined;
  return { name, line, column: typeof column === 'number' ? column : 1 };
}

// CloudFormation's short-form tags (`!Ref X`, `!GetAtt A.B`), read into the long form, so a
// deployed template written by hand or by another tool can still be compared.
const SHORT_FORMS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Condition'];

function shortFormTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = [];
  const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
  for (const name of [...SHORT_FORMS, 'Ref', 'GetAtt']) {
    const wrap = (value: unknown) => {
      if (name === 'GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [longName(name)]: value };
    };
    tags.push({ tag: `!${name}`, resolve: (value: string) => wrap(value) } as ScalarTag);
    tags.push({ tag: `!${name}`, collection: 'seq', resolve: (seq) => wrap(isSeq(seq) ? seq.toJSON() : seq) } as CollectionTag);
    tags.push({ tag: `!${name}`, collection: 'map', resolve: (map) => wrap(isMap(map) ? map.toJSON() : map) } as CollectionTag);
  }
  return tags;
}

/** Reads a template in JSON or YAML (JSON is YAML; YAML 1.1, as CloudFormation reads it). Throws a DeployError with a one-line reason. */
export function parseTemplate(text: string, what: string): CfnTemplate {
  let value: unknown;
  try {
    value = parseYaml(text, { version: '1.1', customTags: shortFormTags(), maxAliasCount: -1 });
  } catch (error) {
    throw new DeployError(`${what} is not a readable template: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DeployError(`${what} is not a readable template: not a mapping`);
  }
  return value as CfnTemplate;
}

/**
 * Sets values at paths of a template and prints it again as the emitter does, so the rest of the
 * text is as emitted. YAML keeps its leading comment lines (flowc's header) and is printed by
 * the emitter's printer: the `yaml` package would write DEL, U+2028 or `1e+21` raw again, which
 * PyYAML cannot read or reads as a string (compiler/emit/cloudformation/yaml-scalar.ts).
 */
export function withValues(text: string, values: readonly { readonly path: readonly string[]; readonly value: string }[]): string {
  if (values.length === 0) return text;
  const json = text.trimStart().startsWith('{');
  const template = (json ? JSON.parse(text) : parseTemplate(text, 'the template')) as Record<string, unknown>;
  for (const { path, value } of values) {
    let node = template;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path.at(-1) as string] = value;
  }
  if (json) return `${JSON.stringify(template, null, 2)}\n`;
  const header = /^(?:#[^\n]*\n)*/.exec(text)?.[0] ?? '';
  return `${header}${new YamlPrinter().print(template as YamlData)}`;
}

/** `DeletionPolicy` or `UpdateReplacePolicy` keeps the resource when CloudFormation lets go of it. */
export function isRetained(resource: CfnResource | undefined): boolean {
  const retains = (policy: unknown) => policy === 'Retain' || policy === 'RetainExceptOnCreate';
  return resource !== undefined && (retains(resource.DeletionPolicy) || retains(resource.UpdateReplacePolicy));
}

export function isRefTo(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as Record<string, unknown>)['Ref'];
  return typeof ref === 'string' ? ref : undefined;
}

/** A Lambda function of a template whose code comes from the assets bucket. */
export interface FunctionCode {
  readonly logicalId: string;
  /** The function's name in the flow (from `Metadata.flowc`). */
  readonly flowName: string;
  /** The parameter that holds the S3 key of its zip, e.g. `ChargeFunctionCodeKey`. */
  readonly codeKeyParameter: string;
  /** `Handler`, e.g. `index.handler`: names the file the bundle must be. */
  readonly handler: string;
}

export function functionsWithCode(template: CfnTemplate): FunctionCode[] {
  const functions: FunctionCode[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const code = resource.Properties?.['Code'] as Record<string, unknown> | undefined;
    const codeKeyParameter = isRefTo(code?.['S3Key']);
    const origin = flowOrigin(resource);
    if (codeKeyParameter === undefined || origin === undefined) continue;
    const handler = resource.Properties?.['Handler'];
    functions.push({
      logicalId,
      flowName: origin.name,
      codeKeyParameter,
      handler: typeof handler === 'string' ? handler : 'index.handler',
    });
  }
  return functions;
}

/** An `AWS::CloudFormation::Stack` resource: a nested template the root refers to. */
export interface NestedStackReference {
  readonly logicalId: string;
  /** `TemplateURL` as emitted: a path relative to the root template, or an expression. */
  readonly templateUrl: unknown;
}

export function nestedStacks(template: CfnTemplate): NestedStackReference[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::CloudFormation::Stack')
    .map(([logicalId, resource]) => ({ logicalId, templateUrl: resource.Properties?.['TemplateURL'] }));
}
