import type { Reporter } from '../diagnostics/reporter.js';
import { didYouMeanOf, replaceWith, suggest } from '../diagnostics/suggest.js';
import type { ValueSpec } from '../settings/schema.js';
import type { Setting, Value } from '../syntax/ast.js';

/**
 * `events = [created, removed]` of a bucket's notification edge: each entry one of the S3 event
 * words (FL2026), none written twice or inside another one written already (FL2027: S3 takes
 * one event type per configuration, and two configurations of one edge whose event types
 * intersect overlap, which S3 refuses). `wrong-form` when the value is not a non-empty list of
 * words (resolve's FL2010); `reported` when an entry was reported here.
 */
export function checkS3Events(setting: Setting, value: Value, shape: Extract<ValueSpec, { type: 'events' }>, reporter: Reporter): 'ok' | 'reported' | 'wrong-form' {
  const s3EventWords = shape.words;
  const words = Object.keys(s3EventWords);
  const items = value.kind === 'ListValue' ? value.items : value.kind === 'PathValue' ? [value] : undefined;
  if (items === undefined || items.length === 0) return 'wrong-form';
  let result: 'ok' | 'reported' = 'ok';
  const seen: { word: string; span: Value['span'] }[] = [];
  for (const [index, item] of items.entries()) {
    const text = item.kind === 'PathValue' ? item.text : item.kind === 'StringValue' ? item.value : undefined;
    if (text === undefined) {
      if (item.kind !== 'InvalidValue') reporter.report('FL2010', item.span, `each entry of \`${setting.name.text}\` must be an S3 event such as \`created\``, { label: 'not an event name' });
      result = 'reported';
      continue;
    }
    if (!words.includes(text)) {
      const found = suggest(text, words);
      reporter.report('FL2026', item.span, `\`${text}\` is not an S3 event flowc knows`, {
        label: 'unknown event',
        why: 'S3 notifies about objects created, removed and restored (s3:ObjectCreated:*, s3:ObjectRemoved:*, s3:ObjectRestore:*), or one way of each.',
        help: didYouMeanOf(found) ?? `the events are ${words.map((w) => `\`${w}\``).join(', ')}`,
        suggestions: replaceWith(item.span, found),
      });
      result = 'reported';
      continue;
    }
    const word = text;
    const type = (w: string): string => s3EventWords[w] ?? w;
    const earlier = seen.find((s) => shape.intersect(type(s.word), type(word)));
    if (earlier !== undefined) {
      const same = earlier.word === word;
      reporter.report('FL2027', item.span, same ? `\`${word}\` is listed twice` : `\`${word}\` and \`${earlier.word}\` overlap`, {
        label: same ? 'listed again' : `${type(word)} and ${type(earlier.word)} match the same events`,
        secondary: [{ span: earlier.span, message: 'listed here' }],
        why: 'flowc writes one S3 notification configuration per event type; two of them on the same keys with intersecting event types overlap, and S3 refuses the bucket ("Configurations overlap. Configurations on the same bucket cannot share a common event type").',
        help: same ? 'remove one of the two' : `keep \`${type(word).endsWith(':*') ? word : earlier.word}\`, which includes the other`,
        // From the end of the entry before it (there is one: the first entry never repeats), so the comma goes too.
        suggestions: [{ title: `remove \`${word}\``, edits: [{ span: { start: items[index - 1]!.span.end, end: item.span.end }, replacement: '' }], applicability: 'machine-applicable' }],
      });
      result = 'reported';
      continue;
    }
    seen.push({ word, span: item.span });
  }
  return result;
}
