import { tags } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';

/**
 * FL4056: more tags than a resource may have
 * (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions): AWS
 * allows 50 user tags per resource; tags with the `aws:` prefix, which CloudFormation adds
 * itself, do not count. flowc adds no tags of its own, so the count is the app's `tags`.
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
  },
};
