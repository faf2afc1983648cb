import type { FlowManifest, ManifestLists } from '../../runtime/manifest/schema.js';

/** The edge kinds of the language: what AWS mechanism an arrow between two kinds becomes. */
export type EdgeKind = 'destination' | 'queue-trigger' | 'stream-trigger' | 'table-trigger' | 'subscription' | 'rule' | 'route' | 'notification' | 'schedule-target';

/**
 * How Lambda invokes a function at the end of each kind of edge: asynchronously (the invoke
 * is queued, retried by Lambda and its destinations fire), synchronously (the caller waits for
 * the result: an API's route), or by an event source mapping that polls the source. A `Record`,
 * so that a new edge kind says which it is (FL5001, FL5002 and the recursion rule read it).
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html ("services that invoke
 * functions asynchronously": SNS, S3, EventBridge, EventBridge Scheduler; destinations invoke
 * asynchronously too), https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html.
 */
export const invocationOf: Readonly<Record<EdgeKind, 'async' | 'sync' | 'poll'>> = {
  destination: 'async',
  'queue-trigger': 'poll',
  'stream-trigger': 'poll',
  'table-trigger': 'poll',
  subscription: 'async',
  rule: 'async',
  route: 'sync',
  notification: 'async',
  'schedule-target': 'async',
};

/** The manifest's list of each kind: `queue` → `queues` (runtime/manifest/schema.ts `manifestLists`). */
export type ManifestList = ManifestLists[keyof ManifestLists];

/** The simulated AWS service behind a kind (`runtime/sim/services/<service>.ts`). */
export type SimulatorService = 'lambda' | 'sqs' | 'sns' | 'eventbridge' | 'kinesis' | 'dynamodb' | 'apigateway' | 's3' | 'scheduler';

/**
 * Everything the compiler knows about one kind of declaration, in one place. The registry
 * (`registry.ts`) is a `Record` over the kinds, so a kind added to the union is a type error
 * here until its module says all of this, and in every per-kind table of the phases (FL2008's
 * settings, the rule visitors, lowering, the emitters), which are `Record`s over the same union.
 */
export interface KindSpec<K extends string = string> {
  /** The keyword that declares it (`queue jobs: Job`). */
  readonly keyword: K;
  /** The word for it in messages: "function" for `fn`. */
  readonly noun: string;
  /** The manifest's list of this kind. */
  readonly manifestList: ManifestList;
  /** The arrows that start here: target keyword → the edge kind it becomes. */
  readonly edges: { readonly [target: string]: EdgeKind };
  /** Why an arrow from this kind cannot go to some target, and what to write instead (FL2003's help). */
  readonly edgeHelp: string;
  /** The CloudFormation resource the declaration becomes, and the limit AWS puts on its name. */
  readonly cloudformation: {
    readonly type: string;
    readonly nameLengthMax: number;
    /** The property the physical name goes in, as FL4036 says it. */
    readonly nameProperty: string;
    /** What replacing or deleting it loses (`messages`), for `flowc diff` and `deploy`; null when it holds nothing. */
    readonly holds: string | null;
  };
  readonly simulator: SimulatorService;
  /** How `flowc explain` and the deploy plan say what a declaration of this kind is. */
  readonly describe: string;
}

/** A kind's declarations in the manifest, for the typed view `declarationsOf`. */
export type ManifestItem<L extends ManifestList> = FlowManifest[L][number];
