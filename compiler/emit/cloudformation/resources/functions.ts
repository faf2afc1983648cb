import { APP_NAME_VARIABLE, sendTargetVariable } from '../../../../runtime/manifest/env.js';
import type { FunctionSpec } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { ASSETS_BUCKET_PARAMETER, codeKeyParameter, declarationId } from '../logical-id.js';
import { getAtt, ref, type TemplateValue } from '../template.js';
import { basicExecutionPolicyArn, functionGrants, lambdaAssumeRolePolicy, policyStatements } from './iam.js';

/**
 * The entry point inside a function's code bundle: `flowc package` bundles the handler source
 * into `index.mjs`, whose `handler` export Lambda calls.
 */
export const HANDLER_ENTRY = 'index.handler';

/** A function: its role, the function, and its EventInvokeConfig when it has async settings. */
export function functionResources(context: EmitContext, fn: FunctionSpec): NamedResource[] {
  const functionId = declarationId(fn.name, 'Function');
  const roleId = declarationId(fn.name, 'FunctionRole');
  const statements = policyStatements(functionGrants(context, fn));
  const role = resource(
    'AWS::IAM::Role',
    {
      AssumeRolePolicyDocument: lambdaAssumeRolePolicy,
      ManagedPolicyArns: [basicExecutionPolicyArn],
      ...(statements.length > 0 ? { Policies: [{ PolicyName: 'flowc', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] } : {}),
    },
    fn.name,
    fn.origin,
  );
  const properties: Record<string, TemplateValue> = {
    FunctionName: context.physical('fn', fn.name),
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
    [functionId, resource('AWS::Lambda::Function', properties, fn.name, fn.origin)],
  ];
  const invokeConfig = eventInvokeConfig(context, fn, functionId);
  if (invokeConfig) out.push([declarationId(fn.name, 'FunctionEventInvokeConfig'), invokeConfig]);
  return out;
}

/**
 * The user's variables, `FLOWC_APP`, and one variable per `sends` target (runtime/manifest/env.ts):
 * queue → URL (`Ref`), topic → ARN (`Ref`), bus, stream and table → name (`Ref`). Sorted by name.
 */
function environment(context: EmitContext, fn: FunctionSpec): Record<string, TemplateValue> {
  const variables: Record<string, TemplateValue> = { ...fn.environment, [APP_NAME_VARIABLE]: context.manifest.app };
  const role = { queue: 'Queue', topic: 'Topic', bus: 'Bus', stream: 'Stream', table: 'Table' } as const;
  for (const target of fn.sends) variables[sendTargetVariable(target.kind, target.name)] = ref(declarationId(target.name, role[target.kind]));
  return Object.fromEntries(Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function eventInvokeConfig(context: EmitContext, fn: FunctionSpec, functionId: string) {
  if (!fn.asyncConfig) return undefined;
  const destinations: Record<string, TemplateValue> = {};
  for (const edge of context.edgesFrom(fn.name)) {
    if (edge.kind !== 'destination') continue;
    destinations[edge.condition === 'success' ? 'OnSuccess' : 'OnFailure'] = { Destination: context.targetArn(edge.targetKind, edge.target) };
  }
  const ordered = ['OnSuccess', 'OnFailure'].filter((k) => k in destinations).map((k) => [k, destinations[k] as TemplateValue] as const);
  return resource(
    'AWS::Lambda::EventInvokeConfig',
    {
      FunctionName: ref(functionId),
      Qualifier: '$LATEST',
      MaximumRetryAttempts: fn.asyncConfig.maximumRetryAttempts,
      MaximumEventAgeInSeconds: fn.asyncConfig.maximumEventAgeSeconds,
      ...(ordered.length > 0 ? { DestinationConfig: Object.fromEntries(ordered) } : {}),
    },
    fn.name,
    fn.origin,
  );
}
