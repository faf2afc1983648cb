import type { Rule } from '../rule.js';

/**
 * FL4074: a `cors` origin that is not an origin. A browser sends `Origin: scheme://host[:port]`,
 * and API Gateway compares it with each of `AllowOrigins` as written; `*` allows any
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html). An origin
 * with a path, a trailing `/` or no scheme never equals what a browser sends, so every
 * cross-origin request fails while the API itself looks fine.
 */
export const corsOrigin: Rule = {
  code: 'FL4074',
  visit: {
    api(api, context) {
      const item = context.api(api);
      if (item.corsOrigins.length === 0) return;
      const setting = context.writtenOf(item, 'corsOrigins');
      if (setting === undefined) return;
      const entries = setting.value.kind === 'ListValue' ? setting.value.items : [setting.value];
      for (const entry of entries) {
        if (entry.kind !== 'StringValue') continue;
        const problem = originProblem(entry.value);
        if (problem === undefined) continue;
        context.report(entry.span, `\`${entry.value}\` is not an origin a browser sends: ${problem.message}`, {
          label: problem.message,
          why: 'A browser sends its page\'s origin, `scheme://host[:port]` and nothing more, and API Gateway allows the request only if it equals one of `AllowOrigins` (or `*` is among them). This one never does, so cross-origin requests from the page fail.',
          help: problem.fixed === undefined ? 'write the origin as `"https://shop.example"` (with a port if not the default: `"http://localhost:5173"`), or `"*"` for any' : `write \`"${problem.fixed}"\``,
          suggestions: problem.fixed === undefined ? [] : [{ title: `write \`"${problem.fixed}"\``, edits: [{ span: entry.span, replacement: JSON.stringify(problem.fixed) }], applicability: 'machine-applicable' }],
        });
      }
    },
  },
};

const origin = /^(https?):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::(\d{1,5}))?$/;

function originProblem(text: string): { readonly message: string; readonly fixed?: string } | undefined {
  if (text === '*') return undefined;
  const match = origin.exec(text);
  if (match !== null) {
    const port = match[3] === undefined ? undefined : Number(match[3]);
    return port === undefined || (port >= 1 && port <= 65_535) ? undefined : { message: `the port ${match[3]} is not 1–65535` };
  }
  const scheme = /^(https?):\/\/([^/?#]+)([/?#].*)$/.exec(text);
  if (scheme !== null && origin.test(`${scheme[1]}://${scheme[2]}`)) {
    const fixed = `${scheme[1]}://${scheme[2]}`;
    return { message: scheme[3] === '/' ? 'an origin has no trailing `/`' : 'an origin has no path, query or fragment', fixed };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const fixed = `https://${text}`;
    return origin.test(fixed) ? { message: 'an origin starts with its scheme', fixed } : { message: 'an origin is `scheme://host[:port]`' };
  }
  if (!/^https?:\/\//.test(text)) return { message: 'a web page\'s origin is `http://` or `https://`' };
  return { message: 'an origin is `scheme://host[:port]`' };
}
