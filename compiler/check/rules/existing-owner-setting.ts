import { ownerOnlySettings } from '../../settings/existing-arn.js';
import { settingSchema } from '../../settings/schema.js';
import { type DeclarationSymbol, kindNoun } from '../../resolve/program.js';
import type { FieldOf, ModelItem } from '../../elaborate/model.js';
import type { Setting } from '../../syntax/ast.js';
import { blockHolding, removeSettingEdit } from '../../syntax/edits.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4091: a setting of an existing resource (`arn = "…"`) that only its owner can set: its
 * attributes (SetQueueAttributes, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html),
 * its redrive policy, a stream's capacity and retention, a table's TTL, tags, DeletionPolicy.
 * The stack does not create the resource, so it has nowhere to put them: the setting would be
 * silently ignored, and the flow would say what the resource is not. One diagnostic per setting
 * written (compiler/settings/existing-arn.ts `ownerOnlySettings`); the model holds them as
 * unknown, so no other rule judges them.
 */
export const existingOwnerSetting: Rule = {
  code: 'FL4091',
  visit: {
    queue: check,
    topic: check,
    bus: check,
    stream: check,
    table: check,
  },
};

function check(symbol: DeclarationSymbol, context: CheckContext): void {
  const kind = symbol.kind as keyof typeof ownerOnlySettings;
  const item = context.declaration(symbol) as ModelItem & { readonly existing: { readonly name: string } | null };
  if (item.existing === null) return;
  const schema = settingSchema[kind];
  const written: { readonly name: string; readonly setting: Setting }[] = [];
  for (const name of ownerOnlySettings[kind]) {
    const spec = schema[name];
    const setting = spec === undefined ? undefined : context.presentOn(item, spec.field as FieldOf<typeof item>);
    if (setting !== undefined) written.push({ name, setting });
  }
  const noun = kindNoun[symbol.kind];
  for (const { name, setting } of written.sort((a, b) => a.setting.span.start - b.setting.span.start)) {
    const block = blockHolding(setting, [symbol.decl.settings, symbol.override]);
    const what = `\`${name}\``;
    context.report(setting.name.span, `${what} cannot be set on the existing ${noun} \`${item.existing.name}\``, {
      label: `only the owner of \`${item.existing.name}\` sets this`,
      why: `\`${symbol.name}\` names a ${noun} that exists outside this stack (\`arn\`): flowc creates nothing for it, so it has nowhere to put ${what}. The ${noun} keeps whatever its owner set${name === 'tags' ? ', and its tags are the owner\'s' : name === 'retain' ? ', and it never leaves this stack because it was never in it' : ''}.`,
      help: `remove ${what}; to change it, change the ${noun} where it is managed`,
      suggestions: block === undefined ? [] : [{ title: `remove ${what}`, edits: [removeSettingEdit(context.source, block, setting)], applicability: 'machine-applicable' }],
    });
  }
}
