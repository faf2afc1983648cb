import { apiGateway } from '../../../runtime/aws/api-gateway.js';
import type { Rule } from '../rule.js';

/**
 * FL4073 (warning): a function behind an HTTP API route with a timeout over 30 seconds. API
 * Gateway waits at most 30 seconds for an integration of an HTTP API, a quota that cannot be
 * raised ("Maximum integration timeout: 30 seconds",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html): a request
 * still running then is answered 503, while the function runs on. It deploys, so a warning.
 */
export const routeTimeout: Rule = {
  code: 'FL4073',
  visit: {
    fn(fn, context) {
      const route = context.typed.edgesInto(fn.name).find((edge) => edge.kind === 'route');
      if (route === undefined) return;
      const item = context.fn(fn);
      const max = apiGateway.integrationTimeoutSecondsMax;
      if (item.timeoutSeconds <= max) return;
      const setting = context.settingOf(item, 'timeoutSeconds');
      const own = context.writtenOf(item, 'timeoutSeconds') !== undefined;
      context.report(setting?.value.span ?? fn.decl.name.span, `\`${fn.name}\` may run ${item.timeoutSeconds} s, but API Gateway answers its requests after ${max} s`, {
        label: own ? `timeout of \`${fn.name}\`` : `the app's timeout, which \`${fn.name}\` inherits`,
        secondary: [{ span: route.span, message: `an HTTP API route to \`${fn.name}\`` }],
        why: `An HTTP API waits at most ${max} seconds for a Lambda integration (a quota that cannot be raised). A request still running then is answered 503 Service Unavailable, and the function runs on to its own timeout with nobody to answer.`,
        help: own
          ? `set \`timeout = ${max}s\` or less; for longer work, answer 202 and hand the work to a queue the function \`sends\` to`
          : `set \`timeout = ${max}s\` or less on \`${fn.name}\`; for longer work, answer 202 and hand the work to a queue the function \`sends\` to`,
      });
    },
  },
};
