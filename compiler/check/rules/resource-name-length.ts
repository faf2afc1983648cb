import { byKind } from '../../kinds/registry.js';
import { physicalName } from '../../../runtime/manifest/names.js';
import { type DeclarationSymbol, kindNoun } from '../../resolve/program.js';
import type { DeclarationKind } from '../../settings/schema.js';
import type { CheckContext } from '../context.js';
import { existingOf } from '../existing-uses.js';
import type { Rule } from '../rule.js';

/** The longest name AWS takes for each kind of resource, and the property it goes in. */
const limits: Readonly<Record<DeclarationKind, { readonly max: number; readonly property: string }>> = byKind(({ cloudformation }) => ({
  max: cloudformation.nameLengthMax,
  property: cloudformation.nameProperty,
}));

const whyUnstaged =
  'flowc names every resource `<app>-<name>` (FIFO queues and topics end in `.fifo`, which counts). AWS limits names to 64 characters for a Lambda function, 80 for an SQS queue, 128 for a Kinesis stream, 255 for a DynamoDB table and 256 for an SNS topic or an EventBridge bus; a longer name fails the stack with a "failed to satisfy constraint: Member must have length less than or equal to …" validation error (SQS: "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length").';

/**
 * FL4036: a physical name longer than AWS takes for the resource (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html). When the app name alone makes every name of a kind too long
 * (even a one-letter declaration would not fit), that is reported once, at the app name.
 */
export const resourceNameLength: Rule = {
  code: 'FL4036',
  visit: {
    program(context) {
      const app = context.program.app;
      if (!app) return;
      const appName = app.name.text;
      const stage = context.program.stage;
      const why = stage === undefined ? whyUnstaged : `${whyUnstaged} Built for the stage \`${stage}\`, names are \`<app>-<stage>-<name>\`.`;
      // A bucket's name has more rules than a length, and an account and Region after it: FL4080's.
      // An existing resource (`arn = "…"`) has the name its ARN gives it, not one flowc makes.
      const symbols = [...context.program.declarations.values()].filter((s) => s.kind !== 'bucket' && !context.isDamaged(s.name) && existingOf(s, context) === null);
      const blockedKinds = new Set<DeclarationKind>();
      for (const kind of Object.keys(limits) as DeclarationKind[]) {
        const ofKind = symbols.filter((s) => s.kind === kind);
        if (ofKind.length > 0 && physicalName(appName, stage, 'x').length > limits[kind].max) blockedKinds.add(kind);
      }
      if (blockedKinds.size > 0) {
        const kinds = [...blockedKinds];
        const tightest = Math.min(...kinds.map((k) => limits[k].max));
        const nouns = kinds.map((k) => `${kindNoun[k]} (${limits[k].max})`);
        const what = stage !== undefined ? `the app name \`${appName}\` with the stage \`${stage}\`` : `the app name \`${appName}\``;
        const length = physicalName(appName, stage, '').length - 1;
        context.report(app.name.span, `${what} (${length} characters) is too long for the names of its resources`, {
          label: `every ${kinds.map((k) => kindNoun[k]).join(' and every ')} name would be too long`,
          why,
          help: `shorten the app name${stage !== undefined ? ' and stage' : ''} to at most ${tightest - 2} characters${stage !== undefined ? ' together (with the hyphen between them)' : ''}; the limits are: ${nouns.join(', ')}`,
        });
      }
      for (const symbol of symbols) {
        if (blockedKinds.has(symbol.kind)) continue;
        checkName(context, appName, stage, why, symbol);
      }
    },
  },
};

function checkName(context: CheckContext, appName: string, stage: string | undefined, why: string, symbol: DeclarationSymbol): void {
  const { max, property } = limits[symbol.kind];
  const fifo = context.isFifo(symbol);
  const physical = physicalName(appName, stage, symbol.name, fifo);
  if (physical.length <= max) return;
  const room = max - (physical.length - symbol.name.length);
  context.report(symbol.decl.name.span, `the ${kindNoun[symbol.kind]} name \`${physical}\` has ${physical.length} characters; AWS allows ${max}`, {
    label: `${property} would be ${physical.length - max} character${physical.length - max === 1 ? '' : 's'} too long`,
    why,
    help: `shorten \`${symbol.name}\` to at most ${room} characters (or shorten the app name${stage !== undefined ? ' or the stage' : ''})`,
  });
}
