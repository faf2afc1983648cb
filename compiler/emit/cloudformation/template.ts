/**
 * The shape of a CloudFormation template as flowc builds it: plain JSON data, intrinsic
 * functions in their long form (`{ "Fn::GetAtt": [...] }`), so one object serializes to JSON and
 * to YAML alike (aws-cdk `yaml-cfn.ts` does the same).
 */

export type TemplateValue = string | number | boolean | readonly TemplateValue[] | { readonly [key: string]: TemplateValue };

/** Where a resource comes from in the .flow file: a declaration's name or an edge id, 1-based. */
export interface FlowcOrigin {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

export interface Resource {
  readonly Type: string;
  readonly Properties: { readonly [key: string]: TemplateValue };
  readonly DependsOn?: readonly string[];
  readonly DeletionPolicy?: 'Retain';
  readonly UpdateReplacePolicy?: 'Retain';
  /** `flowc` is the origin of a resource of the app; a nested stack resource names its template instead. */
  readonly Metadata: { readonly flowc: FlowcOrigin | { readonly template: string } };
}

export interface Parameter {
  readonly Type: 'String';
  readonly Description: string;
}

export interface Output {
  /** On the outputs a user reads (outputs.ts); absent on the values nested stacks pass each other. */
  readonly Description?: string;
  readonly Value: TemplateValue;
}

export interface Template {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  /** `generated`: the marker that tells flowc the file is its own (file-map.ts), in every format. */
  readonly Metadata: { readonly flowc: { readonly generated: string } };
  /** Absent when empty. */
  readonly Parameters?: { readonly [logicalId: string]: Parameter };
  readonly Resources: { readonly [logicalId: string]: Resource };
  /** Absent when empty. */
  readonly Outputs?: { readonly [logicalId: string]: Output };
}

export const TEMPLATE_FORMAT_VERSION = '2010-09-09';

export function ref(logicalId: string): TemplateValue {
  return { Ref: logicalId };
}

export function getAtt(logicalId: string, attribute: string): TemplateValue {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

/**
 * `Fn::Sub` over pseudo parameters only (`${AWS::Region}`): flowc never puts a resource name
 * in a `Sub`, so that every reference between resources is a `Ref` or `Fn::GetAtt`, which the
 * nested-stack layout can find and rewrite.
 */
export function subPseudo(text: string): TemplateValue {
  // Every `${…}` must start with `AWS::`. With indexOf rather than a global regex: every ARN of
  // every IAM statement goes through here.
  for (let start = text.indexOf('${'); start !== -1; ) {
    const end = text.indexOf('}', start + 2);
    if (end === -1) break;
    if (!text.startsWith('AWS::', start + 2)) throw new Error(`internal: Fn::Sub of a resource reference: ${text}`);
    start = text.indexOf('${', end + 1);
  }
  return { 'Fn::Sub': text };
}

export function join(parts: readonly TemplateValue[]): TemplateValue {
  return { 'Fn::Join': ['', parts] };
}
