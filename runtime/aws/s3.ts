/**
 * Amazon S3 facts flowc checks and emits, each with the page that says it.
 *
 * Bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
 * 3–63 characters of lowercase letters, digits, `.` and `-`, beginning and ending with a letter
 * or digit, no two adjacent periods, not formatted as an IP address, not starting with `xn--`,
 * `sthree-` or `amzn-s3-demo-`, not ending in `-s3alias`, `--ol-s3`, `.mrap` or `--x-s3`.
 * Names are unique across all accounts of a partition.
 */
/** The characters of a bucket name: lowercase letters, digits, `.` and `-`. */
const bucketNameCharacters: RegExp = /^[a-z0-9.-]+$/;

export const s3 = {
  bucketNameLength: { min: 3, max: 63 },
  bucketNameReservedPrefixes: ['xn--', 'sthree-', 'amzn-s3-demo-'],
  bucketNameReservedSuffixes: ['-s3alias', '--ol-s3', '.mrap', '--x-s3'],
  /**
   * The longest Region code (`ap-southeast-2`, `ap-northeast-3`, `us-isob-east-1`, … : 14
   * characters, https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
   * flowc's bucket names end in `-<account>-<region>`, and the Region is not known before
   * deploy, so the length check counts the longest.
   */
  regionCodeLengthMax: 14,
  /** An AWS account ID: 12 digits (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html). */
  accountIdLength: 12,
  namingRulesDocs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  /** The event types of notifications (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html). */
  eventTypesDocs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html',
  /** "Configurations overlap" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html). */
  filteringDocs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html',
  /** S3's notification destinations: Lambda, SQS (standard only), SNS (standard only), EventBridge. */
  destinationsDocs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html#supported-notification-destinations',
  /** An object key: 1 to 1,024 bytes of UTF-8 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
  keyBytesMax: 1024,
  /** ListObjectsV2 returns at most 1,000 keys per page (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html). */
  listKeysMax: 1000,
} as const;

/**
 * The `events = [...]` words of a notification edge and the S3 event type each means
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
 * `created` is every way an object is created; `created_put` only PutObject, and so on.
 */
export const s3EventWords = {
  created: 's3:ObjectCreated:*',
  created_put: 's3:ObjectCreated:Put',
  created_post: 's3:ObjectCreated:Post',
  created_copy: 's3:ObjectCreated:Copy',
  created_multipart: 's3:ObjectCreated:CompleteMultipartUpload',
  removed: 's3:ObjectRemoved:*',
  removed_delete: 's3:ObjectRemoved:Delete',
  removed_marker: 's3:ObjectRemoved:DeleteMarkerCreated',
  restored: 's3:ObjectRestore:*',
  restored_started: 's3:ObjectRestore:Post',
  restored_completed: 's3:ObjectRestore:Completed',
} as const;

export type S3EventWord = keyof typeof s3EventWords;

/**
 * What S3 refuses in a bucket name, or undefined when it takes it
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export function bucketNameProblem(name: string): string | undefined {
  const { min, max } = s3.bucketNameLength;
  if (name.length < min || name.length > max) return `it has ${name.length} characters; S3 takes ${min} to ${max}`;
  if (!bucketNameCharacters.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[a-z0-9.-]/.test(c)))].map((c) => `\`${c}\``).join(', ');
    return `it contains ${bad}; S3 takes lowercase letters, digits, \`.\` and \`-\` only`;
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'it must begin and end with a letter or a digit';
  if (name.includes('..')) return 'it has two periods in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'it is formatted as an IP address';
  const prefix = s3.bucketNameReservedPrefixes.find((p) => name.startsWith(p));
  if (prefix !== undefined) return `it starts with \`${prefix}\`, which S3 reserves`;
  const suffix = s3.bucketNameReservedSuffixes.find((p) => name.endsWith(p));
  if (suffix !== undefined) return `it ends with \`${suffix}\`, which S3 reserves`;
  return undefined;
}

/** Whether two S3 event types can match the same event: equal, or one is the other's family wildcard (`s3:ObjectCreated:*` and `s3:ObjectCreated:Put`). */
export function s3EventTypesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const family = (t: string): string => t.slice(0, t.lastIndexOf(':'));
  return family(a) === family(b) && (a.endsWith(':*') || b.endsWith(':*'));
}
