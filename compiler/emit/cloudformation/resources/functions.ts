import { APP_NAME_VARIABLE, NODE_OPTIONS_VARIABLE, nodeOptions, secretVariable, sendTargetVariable, ssmDynamicReference } from '../../../../runtime/manifest/env.js';
import type { FunctionSpec } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { ASSETS_BUCKET_PARAMETER, codeKeyParameter, declarationId } from '../logical-id.js';
import { functionLogGroupName } from '../names.js';
import { getAtt, ref, subPseudo, type TemplateValue } from '../template.js';
import { functionGrants, lambdaAssumeRolePolicy, policyStatements } from './iam.js';

/**
 * The entry point inside a function's code bundle: `flowc package` bundles the handler source
 * into `index.mjs`, whose `handler` export Lambda calls.
 */
export const HANDLER_ENTRY = 'index.handler';

/** How long CloudWatch Logs keeps a function's log events (`RetentionInDays`). */
export const LOG_RETENTION_DAYS = 30;

/**
 * A function: its role, its log group, the function, and its EventInvokeConfig when it has
 * async settings.
 */
export function functionResources(context: EmitContext, fn: FunctionSpec): NamedResource[] {
  const functionId = declarationId(fn.name, 'Function');
  const roleId = declarationId(fn.name, 'FunctionRole');
  const logGroupId = declarationId(fn.name, 'FunctionLogGroup');
  const physical = context.physical('fn', fn.name);
  const roleProperties: Record<string, TemplateValue> = {
    AssumeRolePolicyDocument: lambdaAssumeRolePolicy,
    // Never empty: every function may write to its own log group.
    Policies: [{ PolicyName: 'flowc', PolicyDocument: { Version: '2012-10-17', Statement: policyStatements(functionGrants(context, fn)) } }],
  };
  const { path, permissionsBoundary } = context.manifest.roles;
  if (path !== null) roleProperties.Path = path;
  if (permissionsBoundary !== null) roleProperties.PermissionsBoundary = permissionsBoundary;
  const role = resource('AWS::IAM::Role', roleProperties, fn.name, fn.origin);
  // The log group Lambda would otherwise create on first invocation, with no retention and
  // outside the stack. Logs are not app data: deleting the stack deletes them (no Retain).
  const logGroup = resource('AWS::Logs::LogGroup', { LogGroupName: functionLogGroupName(physical), RetentionInDays: LOG_RETENTION_DAYS }, fn.name, fn.origin);
  const properties: Record<string, TemplateValue> = {
    FunctionName: physical,
    Runtime: fn.runtime,
    Handler: HANDLER_ENTRY,
    Code: { S3Bucket: ref(ASSETS_BUCKET_PARAMETER), S3Key: ref(codeKeyParameter(fn.name)) },
    Role: getAtt(roleId, 'Arn'),
    MemorySize: fn.memoryMb,
    Timeout: fn.timeoutSeconds,
    Architectures: [fn.architecture],
    Environment: { Variables: environment(context, fn) },
    RecursiveLoop: fn.recursiveLoop,
  };
  if (fn.reservedConcurrency !== null) properties.ReservedConcurrentExecutions = fn.reservedConcurrency;
  const out: NamedResource[] = [
    [roleId, role],
    [logGroupId, logGroup],
    // After its log group, so that Lambda never creates the group itself (an invocation during
    // the deploy would, and the stack's group would then fail to create).
    [functionId, resource('AWS::Lambda::Function', properties, fn.name, fn.origin, { dependsOn: [logGroupId] })],
  ];
  const invokeConfig = eventInvokeConfig(context, fn, functionId, roleId);
  if (invokeConfig) out.push([declarationId(fn.name, 'FunctionEventInvokeConfig'), invokeConfig]);
  return out;
}

/**
 * The user's variables (an `ssm("/name")` one as the dynamic reference `{{resolve:ssm:/name}}`;
 * a `secret("name")` one as `FLOWC_SECRET_<VAR>`, the secret's name, for the handler to read at
 * cold start), `FLOWC_APP`, `NODE_OPTIONS` with `--enable-source-maps` (the bundle's
 * source map is read only then), and one variable per `sends` target and idempotency table
 * (runtime/manifest/env.ts): queue → URL (`Ref`), topic → ARN (`Ref`), bus, stream and table →
 * name (`Ref`), bucket → its name spelled out. Sorted by name.
 */
function environment(context: EmitContext, fn: FunctionSpec): Record<string, TemplateValue> {
  const variables: Record<string, TemplateValue> = {
    ...fn.environment,
    [APP_NAME_VARIABLE]: context.manifest.app,
    [NODE_OPTIONS_VARIABLE]: nodeOptions(fn.environment[NODE_OPTIONS_VARIABLE]),
  };
  for (const parameter of fn.parameters ?? []) {
    if (parameter.source === 'ssm') variables[parameter.variable] = ssmDynamicReference(parameter.name);
    else variables[secretVariable(parameter.variable)] = parameter.name;
  }
  for (const target of fn.sends) {
    // A bucket by its known name, not `Ref`: a bucket that notifies this function comes after its
    // permission, which references the function (resources/buckets.ts); a `Ref` would close the cycle.
    variables[sendTargetVariable(target.kind, target.name)] = target.kind === 'bucket' ? subPseudo(context.physical('bucket', target.name)) : context.address(target.kind, target.name);
  }
  if (fn.idempotency !== null) variables[sendTargetVariable('table', fn.idempotency.table)] = context.address('table', fn.idempotency.table);
  return Object.fromEntries(Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}


/**
 * Lambda checks, when it stores the config, that the role may deliver to the destinations
 * (runtime/aws/iam.ts `executionRole.deliver`), so the config comes after the role's policy. The
 * policy is inline, part of the role, which the function references, which the config
 * references; a config with destinations also `DependsOn` the role, so that when a deploy adds a
 * destination the role's new policy is in place first, even though the function does not change.
 */
function eventInvokeConfig(context: EmitContext, fn: FunctionSpec, functionId: string, roleId: string) {
  if (!fn.asyncConfig) return undefined;
  // The last edge of each condition wins; OnSuccess comes first.
  let onSuccess: TemplateValue | undefined;
  let onFailure: TemplateValue | undefined;
  for (const edge of context.edgesFrom(fn.name)) {
    if (edge.kind !== 'destination') continue;
    const destination = { Destination: context.targetArn(edge.targetKind, edge.target) };
    if (edge.condition === 'success') onSuccess = destination;
    else onFailure = destination;
  }
  const properties: Record<string, TemplateValue> = {
    FunctionName: ref(functionId),
    Qualifier: '$LATEST',
    MaximumRetryAttempts: fn.asyncConfig.maximumRetryAttempts,
    MaximumEventAgeInSeconds: fn.asyncConfig.maximumEventAgeSeconds,
  };
  if (onSuccess !== undefined || onFailure !== undefined) {
    const destinations: Record<string, TemplateValue> = {};
    if (onSuccess !== undefined) destinations.OnSuccess = onSuccess;
    if (onFailure !== undefined) destinations.OnFailure = onFailure;
    properties.DestinationConfig = destinations;
  }
  return resource('AWS::Lambda::EventInvokeConfig', properties, fn.name, fn.origin, properties.DestinationConfig === undefined ? {} : { dependsOn: [roleId] });
}
