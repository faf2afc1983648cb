import { stackName } from '../../../runtime/aws/targets.js';
import { stageStackName } from '../../../runtime/manifest/names.js';
import type { Rule } from '../rule.js';

/**
 * FL4054: the stack a stage deploys to has a name CloudFormation refuses: letters, digits and
 * hyphens, starting with a letter, at most 128 characters
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html).
 * The name is the stage's `stack`, else `<app>-<stage>`: a `_` in the app or stage name (a
 * .flow name may have one, a stack name may not) is caught here, before deploy. A stage name
 * with one is reported at the stage even with a `stack` of its own: `--stage` could not name it.
 */
export const stackNameRule: Rule = {
  code: 'FL4054',
  visit: {
    program(context) {
      const app = context.program.app;
      for (const stage of context.model.stages.values()) {
        const badName = [...new Set(stage.name.replace(/[A-Za-z0-9]/g, ''))];
        if (badName.length > 0) {
          // `--stage` takes what a stack name and every resource name can hold: the stage could
          // not be selected, whatever its `stack` says (compiler/cli/stage-option.ts).
          context.report(stage.symbol.decl.name.span, `the stage name \`${stage.name}\` has ${badName.map((c) => JSON.stringify(c)).join(', ')}, which a stack name may not`, {
            label: `the stack would be \`${app === undefined ? '<app>' : stageStackName(app.name.text, stage.name)}\``,
            why: `A stage name goes into the stack name \`<app>-<stage>\` and into every resource name; a stack name has letters, digits and hyphens only, so \`--stage\` takes no other, and \`flowc deploy --stage ${stage.name}\` could never run.`,
            help: `rename the stage with letters and digits, e.g. \`stage ${stage.name.replace(/[^A-Za-z0-9]+/g, '') || 'prod'}\``,
          });
        }
        if (context.model.provenance.isPoisoned(stage, 'stackName')) continue;
        const setting = context.writtenOf(stage, 'stackName');
        if (setting === undefined && badName.length > 0) continue;
        const name = stage.stackName ?? (app === undefined ? undefined : stageStackName(app.name.text, stage.name));
        if (name === undefined) continue;
        const problem = problemOf(name);
        if (problem === undefined) continue;
        const at = setting?.value.span ?? app?.name.span ?? stage.symbol.decl.name.span;
        const cleaned = name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '').slice(0, stackName.lengthMax);
        context.report(at, `the stack of stage \`${stage.name}\`, \`${name}\`, is not a name CloudFormation takes: ${problem}`, {
          label: setting !== undefined ? 'the stack name' : `the stack name is \`<app>-<stage>\`: \`${name}\``,
          ...(setting === undefined ? { secondary: [{ span: stage.symbol.decl.name.span, message: `stage \`${stage.name}\`` }] } : {}),
          why: `A stack name has letters, digits and hyphens, starts with a letter and has at most ${stackName.lengthMax} characters; CreateStack refuses any other, so \`flowc deploy --stage ${stage.name}\` would fail before it made anything.`,
          help:
            setting !== undefined
              ? `write a stack name of letters, digits and hyphens${cleaned.length > 0 ? `, e.g. \`stack = "${cleaned}"\`` : ''}`
              : `rename the app with letters and digits only, or give the stage its stack: \`stack = "${cleaned.length > 0 ? cleaned : 'my-stack'}"\``,
          ...(setting !== undefined && cleaned.length > 0 ? { suggestions: [{ title: `write \`"${cleaned}"\``, edits: [{ span: setting.value.span, replacement: `"${cleaned}"` }], applicability: 'maybe-incorrect' as const }] } : {}),
        });
      }
    },
  },
};

function problemOf(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > stackName.lengthMax) return `it has ${name.length} characters, more than ${stackName.lengthMax}`;
  if (!/^[A-Za-z]/.test(name)) return 'it does not start with a letter';
  const bad = [...new Set(name.replace(/[A-Za-z0-9-]/g, ''))];
  if (bad.length > 0) return `it has ${bad.map((c) => JSON.stringify(c)).join(', ')}, which a stack name may not`;
  return stackName.pattern.test(name) ? undefined : 'it has characters a stack name may not';
}
