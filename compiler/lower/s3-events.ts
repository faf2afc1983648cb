import { type S3EventWord, s3EventWords } from '../../runtime/aws/s3.js';
import type { S3EventType } from '../../runtime/manifest/schema.js';

/** `events = [removed, created]` → `['s3:ObjectCreated:*', 's3:ObjectRemoved:*']`: S3's spellings, sorted and each once. */
export function s3EventTypes(words: readonly S3EventWord[]): S3EventType[] {
  return [...new Set(words.map((word) => s3EventWords[word]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
