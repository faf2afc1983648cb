import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { Template, TemplateValue } from '../../../../compiler/emit/cloudformation/template.js';

/**
 * Validates a template against the CloudFormation resource specification of
 * `@aws-cdk/aws-service-spec` (the registry schemas CloudFormation itself publishes): every
 * resource type exists, every property is a property of that type with a value of its type,
 * required properties are present, `Fn::GetAtt` names a real attribute, and every `Ref`,
 * `Fn::GetAtt` and `DependsOn` names something the template defines. The spec has no numeric
 * ranges; bounds.ts checks those.
 */

type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;
interface SpecPropertyType {
  readonly type: string;
  readonly allowedValues?: readonly (string | number)[];
  readonly element?: SpecPropertyType;
  readonly types?: readonly SpecPropertyType[];
  readonly reference?: { readonly $ref: string };
}
interface SpecProperty {
  readonly type: SpecPropertyType;
  readonly required?: boolean;
}

let database: SpecDatabase | undefined;
function db(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

const pseudoParameters = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const intrinsicNames = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::If', 'Fn::ImportValue', 'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Split']);

function isIntrinsic(value: TemplateValue): boolean {
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && intrinsicNames.has(keys[0] as string);
}

export function specProblems(template: Template): string[] {
  const problems: string[] = [];
  const topKeys = new Set(['AWSTemplateFormatVersion', 'Description', 'Parameters', 'Resources', 'Outputs', 'Metadata']);
  for (const key of Object.keys(template)) if (!topKeys.has(key)) problems.push(`unknown template section ${key}`);
  const resources = template.Resources;
  const parameters = template.Parameters ?? {};
  if (Object.keys(resources).length === 0) problems.push('a template needs at least one resource');
  for (const id of [...Object.keys(resources), ...Object.keys(parameters), ...Object.keys(template.Outputs ?? {})]) {
    if (!/^[A-Za-z0-9]{1,255}$/.test(id)) problems.push(`${id}: a logical ID must be 1 to 255 letters and digits`);
  }
  for (const id of Object.keys(parameters)) if (id in resources) problems.push(`${id} is both a parameter and a resource`);

  const checkReferences = (where: string, value: TemplateValue): void => {
    if (typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value as readonly TemplateValue[]) checkReferences(where, item);
      return;
    }
    const record = value as { readonly [key: string]: TemplateValue };
    const target = record.Ref;
    if (typeof target === 'string' && Object.keys(record).length === 1) {
      if (!pseudoParameters.has(target) && !(target in resources) && !(target in parameters)) problems.push(`${where}: Ref to undefined ${target}`);
      return;
    }
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt) && Object.keys(record).length === 1) {
      const [id, attribute] = getAtt as readonly string[];
      const referenced = resources[id as string];
      if (!referenced) problems.push(`${where}: Fn::GetAtt of undefined ${id}`);
      else if (!hasAttribute(referenced.Type, attribute as string)) problems.push(`${where}: ${referenced.Type} has no attribute ${attribute}`);
      return;
    }
    const sub = record['Fn::Sub'];
    if (typeof sub === 'string') {
      for (const match of sub.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        const name = (match[1] as string).split('.')[0] as string;
        if (!pseudoParameters.has(name) && !(name in resources) && !(name in parameters)) problems.push(`${where}: Fn::Sub of undefined ${name}`);
      }
    }
    for (const item of Object.values(record)) checkReferences(where, item);
  };

  for (const [id, resource] of Object.entries(resources)) {
    const [spec] = db().lookup('resource', 'cloudFormationType', 'equals', resource.Type);
    if (!spec) {
      problems.push(`${id}: unknown resource type ${resource.Type}`);
      continue;
    }
    const properties = spec.properties as unknown as Record<string, SpecProperty>;
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && !(name in resource.Properties)) problems.push(`${id}: ${resource.Type} needs ${name}`);
    }
    for (const [name, value] of Object.entries(resource.Properties)) {
      const property = properties[name];
      if (!property) problems.push(`${id}: ${resource.Type} has no property ${name}`);
      else checkValue(`${id}.${name}`, value, property.type, problems);
    }
    for (const dependency of resource.DependsOn ?? []) if (!(dependency in resources)) problems.push(`${id}: DependsOn undefined ${dependency}`);
    checkReferences(id, resource.Properties);
    if (!resource.Metadata?.flowc) problems.push(`${id}: no Metadata.flowc`);
  }
  for (const [id, output] of Object.entries(template.Outputs ?? {})) {
    for (const key of Object.keys(output)) if (!['Description', 'Value', 'Export', 'Condition'].includes(key)) problems.push(`output ${id}: unknown key ${key}`);
    if (!('Value' in output)) problems.push(`output ${id}: no Value`);
    if (output.Description !== undefined && (typeof output.Description !== 'string' || output.Description.length > 1024)) problems.push(`output ${id}: Description`);
    checkReferences(`output ${id}`, output.Value);
  }
  return problems;
}

function hasAttribute(type: string, attribute: string): boolean {
  if (type === 'AWS::CloudFormation::Stack' && /^Outputs\.[A-Za-z0-9]+$/.test(attribute)) return true;
  const [spec] = db().lookup('resource', 'cloudFormationType', 'equals', type);
  return spec !== undefined && attribute in spec.attributes;
}

function checkValue(path: string, value: TemplateValue, type: SpecPropertyType, problems: string[]): void {
  const mismatch = (expected: string) => problems.push(`${path}: expected ${expected}, found ${JSON.stringify(value)}`);
  if (isIntrinsic(value)) {
    if (type.type === 'array' || type.type === 'map' || type.type === 'ref') mismatch(`a literal ${type.type}, not an intrinsic function`);
    return;
  }
  switch (type.type) {
    case 'string':
    case 'date-time':
      if (typeof value !== 'string') mismatch('a string');
      else if (type.allowedValues && !type.allowedValues.includes(value)) mismatch(`one of ${type.allowedValues.join(', ')}`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) mismatch('an integer');
      return;
    case 'number':
      if (typeof value !== 'number') mismatch('a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') mismatch('a boolean');
      return;
    case 'json':
    case 'tag':
      return;
    case 'null':
      mismatch('null');
      return;
    case 'array':
      if (!Array.isArray(value)) mismatch('an array');
      else (value as readonly TemplateValue[]).forEach((item, index) => checkValue(`${path}[${index}]`, item, type.element as SpecPropertyType, problems));
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) mismatch('a map');
      else for (const [key, item] of Object.entries(value)) checkValue(`${path}.${key}`, item, type.element as SpecPropertyType, problems);
      return;
    case 'union': {
      const attempts = (type.types ?? []).map((member) => {
        const found: string[] = [];
        checkValue(path, value, member, found);
        return found;
      });
      if (!attempts.some((found) => found.length === 0)) problems.push(...(attempts[0] ?? [`${path}: no member of the union fits`]));
      return;
    }
    case 'ref': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        mismatch('an object');
        return;
      }
      const definition = db().get('typeDefinition', type.reference?.$ref as string) as unknown as { name: string; properties: Record<string, SpecProperty> };
      for (const [name, property] of Object.entries(definition.properties)) {
        if (property.required && !(name in value)) problems.push(`${path}: ${definition.name} needs ${name}`);
      }
      for (const [name, item] of Object.entries(value)) {
        const property = definition.properties[name];
        if (!property) problems.push(`${path}: ${definition.name} has no property ${name}`);
        else checkValue(`${path}.${name}`, item, property.type, problems);
      }
      return;
    }
    default:
      problems.push(`${path}: the spec type ${type.type} is not known to this checker`);
  }
}
