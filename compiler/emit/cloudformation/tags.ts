import type { Resource, Template, TemplateValue } from './template.js';

/**
 * How each resource type flowc emits takes tags, as the CloudFormation registry schemas say
 * (`@aws-cdk/aws-service-spec` `tagInformation`; test/emit/cloudformation/tags.test.ts holds
 * this table to it): `list`, `Tags: [{ Key, Value }]`; `map`, `Tags: { key: value }` (the
 * SAM-like types such as AWS::SSM::Parameter); `none`, no Tags property (an IAM-less helper
 * resource such as a queue policy, which takes the tags of nothing). A resource kind added
 * later gets its tags by adding its types here: `tagTemplate` refuses a type it does not know.
 */
export const tagForms: Readonly<Record<string, 'list' | 'map' | 'none'>> = {
  'AWS::ApiGatewayV2::Api': 'map',
  'AWS::ApiGatewayV2::Integration': 'none',
  'AWS::ApiGatewayV2::Route': 'none',
  'AWS::ApiGatewayV2::Stage': 'map',
  'AWS::CloudFormation::Stack': 'list',
  'AWS::CloudFormation::WaitConditionHandle': 'none',
  'AWS::DynamoDB::Table': 'list',
  'AWS::Events::EventBus': 'list',
  'AWS::Events::Rule': 'list',
  'AWS::IAM::Role': 'list',
  'AWS::Kinesis::Stream': 'list',
  'AWS::Lambda::EventInvokeConfig': 'none',
  'AWS::Lambda::EventSourceMapping': 'list',
  'AWS::Lambda::Function': 'list',
  'AWS::Lambda::Permission': 'none',
  'AWS::Lambda::Url': 'none',
  'AWS::Logs::LogGroup': 'list',
  'AWS::S3::Bucket': 'list',
  'AWS::S3::BucketPolicy': 'none',
  'AWS::Scheduler::Schedule': 'none',
  'AWS::Scheduler::ScheduleGroup': 'list',
  'AWS::SNS::Subscription': 'none',
  'AWS::SNS::Topic': 'list',
  'AWS::SNS::TopicPolicy': 'none',
  'AWS::SQS::Queue': 'list',
  'AWS::SQS::QueuePolicy': 'none',
  'AWS::SSM::Parameter': 'map',
};

/** `tags` (keys sorted) in the form of `type`; undefined for a type that takes none. */
function tagsProperty(type: string, tags: Readonly<Record<string, string>>): TemplateValue | undefined {
  const form = tagForms[type];
  if (form === undefined) throw new Error(`internal: flowc does not know how ${type} takes tags; add it to tagForms (compiler/emit/cloudformation/tags.ts)`);
  const keys = Object.keys(tags).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (form === 'none' || keys.length === 0) return undefined;
  if (form === 'map') return Object.fromEntries(keys.map((key) => [key, tags[key] as string]));
  return keys.map((key) => ({ Key: key, Value: tags[key] as string }));
}

/** `resource` with the app's tags (a `Tags` it sets itself is kept as it is); the resource itself when its type takes none. */
function tagResource(resource: Resource, tags: Readonly<Record<string, string>>): Resource {
  if (resource.Properties.Tags !== undefined) return resource;
  const value = tagsProperty(resource.Type, tags);
  return value === undefined ? resource : { ...resource, Properties: { ...resource.Properties, Tags: value } };
}

/**
 * What gives each resource its tags: those of the declaration it belongs to
 * (`Metadata.flowc.name`) when that declaration sets its own (`declarationTags`, the app's
 * merged under them), else the app's; an edge's resources (a mapping, a rule, a subscription)
 * carry the app's. Undefined when nothing is tagged. The one place tags reach a template
 * (build-template.ts, and the nested stacks of the root).
 */
export function resourceTagger(
  tags: Readonly<Record<string, string>> | undefined,
  declarationTags: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): ((resource: Resource) => Resource) | undefined {
  const appTags = tags ?? {};
  if (Object.keys(appTags).length === 0 && Object.keys(declarationTags).length === 0) return undefined;
  return (resource) => {
    const origin = resource.Metadata.flowc;
    const own = 'name' in origin && Object.hasOwn(declarationTags, origin.name) ? declarationTags[origin.name] : undefined;
    return tagResource(resource, own ?? appTags);
  };
}

/** Every resource of `template` with its tags (`resourceTagger`). */
export function tagTemplate(template: Template, tags: Readonly<Record<string, string>> | undefined): Template {
  const tag = resourceTagger(tags);
  if (tag === undefined) return template;
  const resources: Record<string, Resource> = {};
  for (const [id, resource] of Object.entries(template.Resources)) resources[id] = tag(resource);
  return { ...template, Resources: resources };
}
