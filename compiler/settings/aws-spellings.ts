import { type SettingsContext, settingSchema } from './schema.js';

/**
 * How people who know AWS write flowc's settings: the CloudFormation property (`BatchSize`,
 * `FifoQueue`), its snake_case (`batch_size`), the CDK or console word (`parallelization_factor`,
 * `bisect_on_error`), and AWS's enum values (`NEW_IMAGE`). The unknown-setting and bad-value
 * paths consult this one table, so each such spelling gets a hint that says what to write.
 *
 * The property names are those of the CloudFormation resources flowc emits:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventinvokeconfig.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topic.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kinesis-stream.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
 */

/** A name as the table keys it: case, `_` and `-` do not matter (`BatchSize`, `batch_size`, `batch-size`). */
function folded(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Per context: the folded AWS spelling → flowc's setting. */
const settingSpellings: Readonly<Record<SettingsContext, Readonly<Record<string, string>>>> = {
  app: {
    memorysize: 'memory',
  },
  stage: {
    accountid: 'account',
    stackname: 'stack',
    awsregion: 'region',
    awsprofile: 'profile',
  },
  fn: {
    memorysize: 'memory',
    timeoutseconds: 'timeout',
    architectures: 'architecture',
    arch: 'architecture',
    maximumretryattempts: 'retries',
    maxretries: 'retries',
    retryattempts: 'retries',
    maximumeventageinseconds: 'max_age',
    maxeventage: 'max_age',
    reservedconcurrentexecutions: 'concurrency',
    reservedconcurrency: 'concurrency',
    environment: 'env',
    variables: 'env',
    recursiveloop: 'recursion',
  },
  queue: {
    fifoqueue: 'fifo',
    messagegroupid: 'group',
    groupid: 'group',
    contentbaseddeduplication: 'dedupe = content',
    messagededuplicationid: 'dedupe',
    deduplicationid: 'dedupe',
    deduplicationscope: 'dedupe_scope',
    fifothroughputlimit: 'throughput',
    visibilitytimeout: 'visibility',
    visibilitytimeoutseconds: 'visibility',
    messageretentionperiod: 'retention',
    delayseconds: 'delay',
    maximummessagesize: 'max_size',
    maxmessagesize: 'max_size',
    receivemessagewaittimeseconds: 'wait',
    waittimeseconds: 'wait',
    redrivepolicy: 'dlq = <queue>, max_receives = <count>',
    deadletterqueue: 'dlq',
    deadlettertargetarn: 'dlq',
    maxreceivecount: 'max_receives',
    deletionpolicy: 'retain = true',
  },
  topic: {
    fifotopic: 'fifo',
    contentbaseddeduplication: 'dedupe = content',
    messagegroupid: 'group',
  },
  bus: {},
  api: {
    corsconfiguration: 'cors',
    alloworigins: 'cors',
  },
  bucket: {
    versioning: 'versioned',
    versioningconfiguration: 'versioned',
    deletionpolicy: 'retain = true',
  },
  stream: {
    shardcount: 'shards',
    partitionkey: 'partition',
    retentionperiodhours: 'retention',
    retentionperiod: 'retention',
    streammodedetails: 'mode',
    streammode: 'mode',
    capacitymode: 'mode',
    deletionpolicy: 'retain = true',
  },
  table: {
    partitionkey: 'key',
    hashkey: 'key',
    keyschema: 'key',
    sortkey: 'sort',
    rangekey: 'sort',
    streamspecification: 'stream',
    streamviewtype: 'stream',
    timetolivespecification: 'ttl',
    timetolive: 'ttl',
    deletionpolicy: 'retain = true',
  },
  schedule: {
    scheduleexpression: 'every',
    rate: 'every',
    schedule: 'cron',
    scheduleexpressiontimezone: 'timezone',
    tz: 'timezone',
    maximumretryattempts: 'retries',
    maximumeventageinseconds: 'max_age',
    deadletterconfig: 'dlq',
    flexibletimewindow: 'window',
    maximumwindowinminutes: 'window',
  },
  edge: {
    routekey: 'route',
    batchsize: 'batch',
    maximumbatchingwindowinseconds: 'window',
    batchingwindow: 'window',
    batchwindow: 'window',
    parallelizationfactor: 'parallel',
    maximumretryattempts: 'retries',
    maxretries: 'retries',
    retryattempts: 'retries',
    maximumrecordageinseconds: 'max_age',
    maxrecordage: 'max_age',
    bisectbatchonfunctionerror: 'bisect',
    bisectonerror: 'bisect',
    bisectbatch: 'bisect',
    startingposition: 'start',
    startposition: 'start',
    startingpositiontimestamp: 'start_at',
    destinationconfig: 'on_failure',
    onfailuredestination: 'on_failure',
    functionresponsetypes: 'report_failures = true',
    reportbatchitemfailures: 'report_failures',
    reportitemfailures: 'report_failures',
    maximumconcurrency: 'concurrency',
    scalingconfig: 'concurrency',
    rawmessagedelivery: 'raw',
    eventpattern: 'match',
    filterpattern: 'match',
    pattern: 'match',
    filtercriteria: 'filter',
    filterpolicy: 'filter',
    filterpolicyscope: 'filter',
  },
};

/**
 * flowc's setting for `name` when it is an AWS spelling of one: in `context` first, else in
 * another context (then `context` says where it goes). `setting` is a name, or a whole
 * setting when the value is not the user's (`dedupe = content`).
 */
export function awsSettingSpelling(name: string, context: SettingsContext): { readonly setting: string; readonly context: SettingsContext } | undefined {
  const key = folded(name);
  const here = spellingIn(settingSpellings[context], key);
  if (here !== undefined) return { setting: here, context };
  for (const other of Object.keys(settingSpellings) as SettingsContext[]) {
    const there = spellingIn(settingSpellings[other], key);
    if (there !== undefined) return { setting: there, context: other };
  }
  return undefined;
}

/** A table's own entry: a written `constructor` is not `Object.prototype`'s. */
function spellingIn(table: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** What the user wrote as the value, as the hint may repeat it. */
export interface WrittenValue {
  readonly kind: 'number' | 'duration' | 'other';
  /** The source text; long or multi-line values are not repeated. */
  readonly text: string;
}

/**
 * The hint of an unknown setting that is an AWS spelling: what to write instead, with the
 * user's value when it carries over (a number where flowc takes a duration gets its `s`).
 */
export function awsSettingHelp(name: string, context: SettingsContext, value: WrittenValue, where: (context: SettingsContext) => string): string | undefined {
  const spelled = awsSettingSpelling(name, context);
  if (spelled === undefined) return undefined;
  const written = spelled.setting.includes('=') ? spelled.setting : `${spelled.setting} = ${carriedValue(spelled.setting, spelled.context, value)}`;
  const elsewhere = spelled.context === context ? '' : `, a setting of ${where(spelled.context)}`;
  return `\`${name}\` is the AWS name; flowc's setting is \`${spelled.setting.split(' ')[0]!}\`${elsewhere}: write \`${written}\``;
}

function carriedValue(setting: string, context: SettingsContext, value: WrittenValue): string {
  const short = value.text.length <= 40 && !value.text.includes('\n');
  if (!short) return '…';
  const type = settingSchema[context][setting]?.value.type;
  if (type === 'duration' && value.kind === 'number') return `${value.text}s`;
  if (type === 'int' && value.kind === 'duration') return '…';
  return value.text;
}

/** Per setting: AWS's enum value, folded → flowc's word. */
const wordSpellings: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // StreamSpecification.StreamViewType
  stream: { newimage: 'new', oldimage: 'old', newandoldimages: 'new_and_old', newandold: 'new_and_old', keysonly: 'keys' },
  // StartingPosition
  start: { latest: 'latest', trimhorizon: 'trim_horizon', attimestamp: 'at_timestamp' },
  // FifoThroughputLimit, DeduplicationScope
  throughput: { perqueue: 'per_queue', permessagegroupid: 'per_group', pergroup: 'per_group' },
  dedupe_scope: { queue: 'queue', messagegroup: 'group', group: 'group' },
  // StreamModeDetails.StreamMode
  mode: { provisioned: 'provisioned', ondemand: 'on_demand' },
  architecture: { arm64: 'arm64', x8664: 'x86_64', x86: 'x86_64', amd64: 'x86_64' },
  recursion: { terminate: 'terminate', allow: 'allow' },
};

/** flowc's word for `value` of `setting` when it is AWS's spelling of one of `words` (`NEW_IMAGE` → `new`). */
export function awsWordSpelling(setting: string, value: string, words: readonly string[]): string | undefined {
  const word = spellingIn(Object.hasOwn(wordSpellings, setting) ? wordSpellings[setting] : undefined, folded(value));
  if (word !== undefined && words.includes(word)) return word;
  const lower = value.toLowerCase();
  return words.includes(lower) ? lower : undefined;
}

/** The hint of a word setting given AWS's spelling of one of its words (`stream = NEW_IMAGE`). */
export function awsWordHelp(setting: string, value: string, words: readonly string[]): string | undefined {
  const word = awsWordSpelling(setting, value, words);
  return word === undefined ? undefined : `\`${value}\` is the AWS value; flowc writes it \`${setting} = ${word}\``;
}
