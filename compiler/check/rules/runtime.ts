import { defaultRuntime, nodeRuntimes, nodeRuntimesAsOf } from '../../../runtime/aws/limits.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import type { Setting } from '../../syntax/ast.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4032: a `runtime` (on a function, or the app's default) that Lambda no longer lets you
 * create functions with, or that is not a Node.js runtime at all (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
 * Blocked runtimes fail the stack: "The runtime parameter of nodejs18.x is no longer supported
 * for creating or updating AWS Lambda functions". A runtime that still works but has a
 * deprecation date is a warning with the dates. Dates are judged as of `nodeRuntimesAsOf`, so
 * a check gives the same answer on every machine and every day.
 */
export const runtime: Rule = {
  code: 'FL4032',
  visit: {
    fn: (fn, context) => {
      const item = context.fn(fn);
      checkRuntime(context, context.writtenOf(item, 'runtime'), item.runtime, `\`${fn.name}\``);
    },
    program: (context) => checkRuntime(context, context.writtenOf(context.app, 'runtime'), context.app.runtime, 'the functions of the app'),
  },
};

/** `setting` is where the runtime is written on its owner (not inherited), `name` its value. */
function checkRuntime(context: CheckContext, setting: Setting | undefined, name: string, owner: string): void {
  if (!setting) return;
  const at = setting.value.span;
  const creatable = Object.entries(nodeRuntimes)
    .filter(([, life]) => life.createBlocked === null || life.createBlocked > nodeRuntimesAsOf)
    .map(([id]) => id);
  const life = nodeRuntimes[name];
  if (!life) {
    const nodeLike = /^node/i.test(name);
    context.report(at, `\`${name}\` is not a Lambda runtime flowc can deploy`, {
      label: nodeLike ? 'not a Node.js runtime identifier' : 'flowc generates Node.js handlers',
      why: nodeLike
        ? `Lambda names its Node.js runtimes \`nodejsNN.x\`; CreateFunction refuses any other identifier, so CloudFormation fails the stack.`
        : `flowc generates TypeScript handlers for Node.js; ${owner} cannot run on \`${name}\`. The runtimes AWS still lets you create are ${creatable.map((id) => `\`${id}\``).join(' and ')}.`,
      help: didYouMean(name, creatable) ?? `use \`runtime = ${defaultRuntime}\`, or leave \`runtime\` out (the default is ${defaultRuntime})`,
    });
    return;
  }
  if (life.createBlocked !== null && life.createBlocked <= nodeRuntimesAsOf) {
    context.report(at, `\`${name}\` can no longer be used to create Lambda functions`, {
      label: `blocked since ${life.createBlocked}`,
      why: `AWS deprecated ${name}${life.deprecated ? ` on ${life.deprecated}` : ''} and blocked creating functions with it on ${life.createBlocked}. CloudFormation fails the stack: "The runtime parameter of ${name} is no longer supported for creating or updating AWS Lambda functions."`,
      help: `use \`runtime = ${defaultRuntime}\``,
    });
    return;
  }
  if (life.createBlocked !== null) {
    const deprecated = life.deprecated ?? life.createBlocked;
    const was = deprecated <= nodeRuntimesAsOf ? 'was deprecated on' : 'is deprecated on';
    context.report(at, `\`${name}\` ${was} ${deprecated}; creating functions with it is blocked from ${life.createBlocked}`, {
      severity: 'warning',
      label: 'deploys today, but not for long',
      why: `After its deprecation date AWS no longer patches ${name}. From ${life.createBlocked} Lambda refuses to create functions with it, so a new stack, or a new function in this app, fails to deploy.`,
      help: `use \`runtime = ${defaultRuntime}\`${nodeRuntimes[defaultRuntime]?.deprecated ? ` (supported until ${nodeRuntimes[defaultRuntime]?.deprecated})` : ''}`,
    });
  }
}
