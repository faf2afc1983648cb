import type { FlowManifest } from '../../runtime/manifest/schema.js';
import { declarationKinds, declarationsOf, kinds } from '../kinds/registry.js';
import type { FlowOrigin } from './template.js';

/**
 * One resource change, in the words of the flow. Both `flowc diff` (from a template diff) and
 * `flowc deploy` (from a change set) describe their changes with this, so the two agree.
 */
export type ChangeAction = 'create' | 'import' | 'update' | 'replace' | 'may-replace' | 'delete';

export interface ResourceChange {
  /** Logical ids of the nested stacks that hold the resource, outermost first; empty in the root. */
  readonly stackPath: readonly string[];
  readonly logicalId: string;
  readonly resourceType: string;
  readonly action: ChangeAction;
  /** The .flow declaration or edge the resource comes from, when known. */
  readonly origin: FlowOrigin | undefined;
  /** `DeletionPolicy` or `UpdateReplacePolicy` is `Retain`: AWS keeps the old resource. */
  readonly retained: boolean;
  /** Names of the properties that change (updates and replacements). */
  readonly properties: readonly string[];
}

/** Resources whose loss loses data: what they hold is gone once they are replaced or deleted. */
const STATEFUL: Readonly<Record<string, { kind: string; contents: string }>> = Object.fromEntries(
  declarationKinds.flatMap((kind) => {
    const { type, holds } = kinds[kind].cloudformation;
    return holds === null ? [] : [[type, { kind, contents: holds }]];
  }),
);

/** The flow keyword of the resource types a declaration becomes (each kind's module says its type). */
const DECLARATION_KINDS: Readonly<Record<string, string>> = Object.fromEntries(declarationKinds.map((kind) => [kinds[kind].cloudformation.type, kind]));

/** What the supporting resources of a declaration or edge are, for people. */
const ROLES: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'execution role',
  'AWS::IAM::Policy': 'permissions',
  'AWS::IAM::ManagedPolicy': 'permissions',
  'AWS::Lambda::EventSourceMapping': 'trigger',
  'AWS::Lambda::EventInvokeConfig': 'destinations and retries',
  'AWS::Lambda::Permission': 'invoke permission',
  'AWS::SNS::Subscription': 'subscription',
  'AWS::Events::Rule': 'rule',
  'AWS::SQS::QueuePolicy': 'queue policy',
  'AWS::SNS::TopicPolicy': 'topic policy',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::CloudFormation::Stack': 'nested stack',
};

export function isStateful(change: Pick<ResourceChange, 'resourceType' | 'retained'>): boolean {
  return change.resourceType in STATEFUL || change.retained;
}

/** Replacing or deleting these loses (or strands) data: deploy refuses them without --allow-replace. */
export function isGuarded(change: ResourceChange): boolean {
  return isStateful(change) && (change.action === 'replace' || change.action === 'may-replace' || change.action === 'delete');
}

/** The flow keyword of each declared name (`charge` → `fn`), to name supporting resources. */
export type FlowKinds = ReadonlyMap<string, string>;

export function flowKinds(manifest: FlowManifest): FlowKinds {
  return new Map(declarationsOf(manifest).map((d) => [d.spec.name, d.kind]));
}

/** `queue payouts`, `edge receipts -> email: trigger`, `fn charge: execution role`, or the logical id. */
export function subjectOf(change: Pick<ResourceChange, 'logicalId' | 'resourceType' | 'origin'>, kinds: FlowKinds = new Map()): string {
  const origin = change.origin;
  const kind = DECLARATION_KINDS[change.resourceType];
  const role = ROLES[change.resourceType] ?? change.resourceType;
  if (!origin) return kind !== undefined ? `${kind} ${change.logicalId}` : `${role} ${change.logicalId}`;
  if (origin.name.includes('->')) return `edge ${origin.name.replaceAll('->', ' -> ')}: ${role}`;
  if (kind !== undefined) return `${kind} ${origin.name}`;
  const owner = kinds.get(origin.name);
  return `${owner !== undefined ? `${owner} ` : ''}${origin.name}: ${role}`;
}

/**
 * The sentence for a change: "queue payouts will be replaced: its messages are lost".
 * Property names are listed for updates, the consequence for data is spelled out otherwise.
 */
export function explainChange(change: ResourceChange, kinds: FlowKinds = new Map()): string {
  const subject = subjectOf(change, kinds);
  const stateful = STATEFUL[change.resourceType];
  const kind = stateful?.kind ?? 'resource';
  const lost = stateful ? `its ${stateful.contents} are lost` : 'what it holds is lost';
  const changed = change.properties.length > 0 ? ` (${change.properties.join(', ')})` : '';
  switch (change.action) {
    case 'create':
      return `${subject} will be created`;
    case 'import':
      return `${subject} will be adopted: the existing ${kind} of that name joins the stack${stateful ? `, its ${stateful.contents} kept` : ''}`;
    case 'update':
      return `${subject} will be updated in place${changed}`;
    case 'replace':
    case 'may-replace': {
      const verb = change.action === 'replace' ? 'will be replaced' : 'may be replaced, depending on values known only at deploy time';
      if (change.retained) return `${subject} ${verb}${changed}: AWS keeps the old ${kind} (Retain), but the app moves to a new, empty one`;
      if (stateful) return `${subject} ${verb}${changed}: ${lost}`;
      return `${subject} ${verb}${changed}`;
    }
    case 'delete':
      if (change.retained) return `${subject} will leave the stack: AWS keeps it (Retain), no longer managed or used by the app`;
      if (stateful) return `${subject} will be deleted: ${lost}`;
      return `${subject} will be deleted`;
  }
}

const SYMBOLS: Readonly<Record<ChangeAction, string>> = {
  create: '+',
  import: '<',
  update: '~',
  replace: '-/+',
  'may-replace': '-/+',
  delete: '-',
};

/** One line per change, each with the .flow position it comes from. */
export function formatChanges(changes: readonly ResourceChange[], flowFile: string, kinds: FlowKinds = new Map()): string[] {
  return sortChanges(changes).map((change) => {
    const where = change.origin ? `  (${flowFile}:${change.origin.line})` : '';
    const stack = change.stackPath.length > 0 ? `[${change.stackPath.join('/')}] ` : '';
    return `  ${SYMBOLS[change.action].padEnd(3)} ${stack}${explainChange(change, kinds)}${where}`;
  });
}

const ACTION_ORDER: readonly ChangeAction[] = ['delete', 'replace', 'may-replace', 'update', 'import', 'create'];

/** The dangerous first, then by position in the .flow file, then by logical id. */
export function sortChanges(changes: readonly ResourceChange[]): ResourceChange[] {
  return [...changes].sort(
    (a, b) =>
      ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) ||
      (a.origin?.line ?? Number.MAX_SAFE_INTEGER) - (b.origin?.line ?? Number.MAX_SAFE_INTEGER) ||
      a.logicalId.localeCompare(b.logicalId),
  );
}

/**
 * One line per existing resource of the flow (`arn = "…"`): the stack creates, changes and
 * deletes nothing of it, so it is in no change and never in the replacement guard; `flowc diff`
 * and `flowc deploy` say so, so that its absence from the changes is not a surprise.
 */
export function existingNotes(manifest: FlowManifest, flowFile: string): string[] {
  return declarationsOf(manifest).flatMap(({ kind, spec }) => {
    const existing = 'existing' in spec ? spec.existing : undefined;
    if (existing === undefined) return [];
    return [`  =   ${kind} ${spec.name} is existing (${existing.arn}), not managed by this stack: nothing of it is created, changed or deleted  (${flowFile}:${spec.origin.line})`];
  });
}

/** The refusal `flowc deploy` prints, and what `flowc diff` warns about. */
export function guardMessage(guarded: readonly ResourceChange[], flowFile: string, kinds: FlowKinds = new Map()): string[] {
  return [
    guarded.length === 1
      ? 'this change replaces or removes a resource that holds data:'
      : 'these changes replace or remove resources that hold data:',
    ...formatChanges(guarded, flowFile, kinds),
    'flowc deploy refuses this unless you pass --allow-replace; to keep the data, revert the setting that forces the replacement',
  ];
}
