import { tags } from '../../../runtime/aws/limits.js';
import type { Setting } from '../../syntax/ast.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4055: a tag key or value AWS refuses
 * (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Tag.html): a key of 1
 * to 128 characters, a value of at most 256, both of letters, spaces, digits and
 * `_ . : / = + - @` (runtime/aws/limits.ts `tags`), and no key starting with `aws:`, which AWS
 * keeps for its own tags. CloudFormation fails the stack (CreateChangeSet refuses the stack's
 * tags, a resource refuses its `Tags`). One diagnostic per tag: its first problem.
 */
export const tagRules: Rule = {
  code: 'FL4055',
  visit: {
    program(context) {
      checkBlock(context, context.writtenOf(context.app, 'tags'));
    },
    fn: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    queue: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    topic: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    bus: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    stream: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    table: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    api: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    schedule: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
    bucket: (symbol, context) => checkBlock(context, context.writtenOf(context.declaration(symbol), 'tags')),
  },
};

function checkBlock(context: CheckContext, setting: Setting | undefined): void {
  if (setting?.value.kind !== 'SettingsBlock') return;
  for (const entry of setting.value.entries) checkTag(context, entry);
}

const allowedWords = 'letters, spaces, digits and `_ . : / = + - @`';

function checkTag(context: CheckContext, entry: Setting): void {
  const key = entry.name.text;
  const keyLength = [...key].length;
  if (keyLength < tags.keyLength.min || keyLength > tags.keyLength.max) {
    context.report(entry.name.span, keyLength === 0 ? 'a tag key is empty' : `the tag key is ${keyLength} characters long; AWS allows ${tags.keyLength.max}`, {
      label: keyLength === 0 ? 'an empty key' : `${keyLength} characters`,
      why: `A tag key is 1 to ${tags.keyLength.max} Unicode characters. CloudFormation refuses the stack's tags and every resource's, so nothing is created.`,
      help: keyLength === 0 ? 'give the tag a key' : 'shorten the key; long descriptions belong in the value (256 characters)',
    });
    return;
  }
  if (key.toLowerCase().startsWith(tags.reservedPrefix)) {
    context.report(entry.name.span, `the tag key \`${key}\` starts with \`${tags.reservedPrefix}\`, which AWS keeps for its own tags`, {
      label: `reserved prefix \`${key.slice(0, tags.reservedPrefix.length)}\``,
      why: 'Keys that start with `aws:` are reserved for AWS (CloudFormation adds `aws:cloudformation:stack-name` and others itself); a user tag with that prefix is refused, and the stack fails.',
      help: `drop the prefix, e.g. \`"${key.slice(tags.reservedPrefix.length) || 'name'}"\``,
      suggestions:
        key.length > tags.reservedPrefix.length
          ? [{ title: `write "${key.slice(tags.reservedPrefix.length)}"`, edits: [{ span: entry.name.span, replacement: JSON.stringify(key.slice(tags.reservedPrefix.length)) }], applicability: 'maybe-incorrect' }]
          : [],
    });
    return;
  }
  const badKey = firstBadCharacter(key);
  if (badKey !== undefined) {
    context.report(entry.name.span, `the tag key \`${key}\` has the character ${describe(badKey)}, which AWS does not allow in tags`, {
      label: `${describe(badKey)} is not allowed`,
      why: `Tag keys and values are ${allowedWords} (the pattern \`[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*\`); CloudFormation refuses the tags and the stack fails.`,
      help: `replace it, e.g. with \`-\` or \`_\``,
    });
    return;
  }
  const value = entry.value;
  if (value.kind !== 'StringValue') return;
  const valueLength = [...value.value].length;
  if (valueLength > tags.valueLength.max) {
    context.report(value.span, `the value of the tag \`${key}\` is ${valueLength} characters long; AWS allows ${tags.valueLength.max}`, {
      label: `${valueLength} characters`,
      why: `A tag value is 0 to ${tags.valueLength.max} Unicode characters. CloudFormation refuses the tags and the stack fails.`,
      help: 'shorten the value, or keep the text elsewhere and tag with a short reference to it',
    });
    return;
  }
  const badValue = firstBadCharacter(value.value);
  if (badValue !== undefined) {
    context.report(value.span, `the value of the tag \`${key}\` has the character ${describe(badValue)}, which AWS does not allow in tags`, {
      label: `${describe(badValue)} is not allowed`,
      why: `Tag keys and values are ${allowedWords} (the pattern \`[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*\`); CloudFormation refuses the tags and the stack fails.`,
      help: 'replace it, e.g. with `-` or a space',
    });
  }
}

function firstBadCharacter(text: string): string | undefined {
  for (const character of text) if (!tags.allowed.test(character)) return character;
  return undefined;
}

function describe(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `\`${character}\``;
}
