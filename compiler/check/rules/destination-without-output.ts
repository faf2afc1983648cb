import type { Rule } from '../rule.js';

/**
 * FL5005 (warning): a success destination on a function that declares no output type. Lambda
 * puts what the function returned in the record's `responsePayload`
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html); a function
 * without `-> T` returns nothing, so every record carries `null` there and the receiver has
 * only the request to go on. A function only invoked synchronously is FL5001's (its destinations
 * never fire at all).
 */
export const destinationWithoutOutput: Rule = {
  code: 'FL5005',
  visit: {
    fn(fn, context) {
      if (fn.decl.kind !== 'FnDecl' || fn.decl.output !== undefined) return;
      const triggers = context.typed.edgesInto(fn.name);
      if (triggers.length > 0 && !context.isInvokedAsync(fn)) return;
      const input = fn.decl.input ? context.source.slice(fn.decl.input.span) : 'T';
      for (const destination of context.typed.edgesFrom(fn.name)) {
        if (destination.kind !== 'destination' || (destination.port ?? 'success') !== 'success') continue;
        context.report(destination.span, `the success destination of \`${fn.name}\` gets no result: \`${fn.name}\` declares no output type`, {
          label: `\`responsePayload\` is always null here`,
          secondary: [{ span: fn.decl.name.span, message: 'no `-> T` after the input' }],
          why: `A success destination receives Lambda's record of the invocation, whose \`responsePayload\` is what the function returned. Without an output type the generated handler returns nothing, so \`${destination.target.name}\` learns only that \`${fn.name}\` ran.`,
          help: `declare what \`${fn.name}\` returns, \`fn ${fn.name}(${input}) -> Result\`, or drop the destination if only failures matter (\`${fn.name}.failure -> …\`)`,
        });
      }
    },
  },
};
