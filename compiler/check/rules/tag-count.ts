import { tags } from '../../../runtime/aws/limits.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4056: more tags than a resource may have
 * (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions): AWS
 * allows 50 user tags per resource; tags with the `aws:` prefix, which CloudFormation adds
 * itself, do not count. flowc adds no tags of its own, so the count is the app's `tags`, and
 * for a declaration with its own `tags`, the app's and its own together (its own replace the
 * app's of the same key).
 */
export const tagCount: Rule = {
  code: 'FL4056',
  visit: {
    program(context) {
      const setting = context.writtenOf(context.app, 'tags');
      if (setting?.value.kind !== 'SettingsBlock') return;
      const count = setting.value.entries.length;
      if (count <= tags.perResourceMax) return;
      const first = setting.value.entries[tags.perResourceMax];
      context.report(setting.name.span, `the app has ${count} tags; AWS allows ${tags.perResourceMax} per resource`, {
        label: `${count} tags`,
        ...(first === undefined ? {} : { secondary: [{ span: first.name.span, message: `tag ${tags.perResourceMax + 1}` }] }),
        why: `A resource takes at most ${tags.perResourceMax} user tags (the \`aws:\` tags CloudFormation adds are not counted). Every resource of the app carries the app's tags, so the first resource fails to create and the stack rolls back.`,
        help: `keep ${tags.perResourceMax} tags or fewer; several facts can share one tag value`,
      });
    },
    fn: (symbol, context) => checkDeclaration(symbol, context),
    queue: (symbol, context) => checkDeclaration(symbol, context),
    topic: (symbol, context) => checkDeclaration(symbol, context),
    bus: (symbol, context) => checkDeclaration(symbol, context),
    stream: (symbol, context) => checkDeclaration(symbol, context),
    table: (symbol, context) => checkDeclaration(symbol, context),
    api: (symbol, context) => checkDeclaration(symbol, context),
    schedule: (symbol, context) => checkDeclaration(symbol, context),
    bucket: (symbol, context) => checkDeclaration(symbol, context),
  },
};

function checkDeclaration(symbol: DeclarationSymbol, context: CheckContext): void {
  const item = context.declaration(symbol);
  const setting = context.writtenOf(item, 'tags');
  if (setting?.value.kind !== 'SettingsBlock') return;
  const appCount = Object.keys(context.app.tags).length;
  // The app's own excess is reported once, at the app.
  if (appCount > tags.perResourceMax) return;
  const count = Object.keys({ ...context.app.tags, ...item.tags }).length;
  if (count <= tags.perResourceMax) return;
  const own = setting.value.entries.length;
  context.report(setting.name.span, `\`${symbol.name}\` has ${count} tags with the app's; AWS allows ${tags.perResourceMax} per resource`, {
    label: `${own} of its own, ${count - own} of the app's`,
    why: `A resource takes at most ${tags.perResourceMax} user tags (the \`aws:\` tags CloudFormation adds are not counted). The resources of \`${symbol.name}\` carry the app's tags and its own, so the first of them fails to create and the stack rolls back.`,
    help: `keep ${tags.perResourceMax} tags or fewer in all: drop some of its own, or of the app's`,
  });
}
