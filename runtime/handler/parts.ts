/**
 * Joins the parts of a function's value in the generated module: its trigger helper (or its
 * helpers and their router) and its `sends` clients and idempotency. The generated module calls
 * this, marked `@__PURE__`, instead of writing an object spread: a bundler drops an unused pure
 * call whose arguments are pure, but never an object spread (a spread may run getters), so with
 * a spread every bundle kept the helpers and clients of every function that sends.
 */
export function functionParts<First extends object, Second extends object>(first: First, second: Second): First & Second {
  return { ...first, ...second };
}
