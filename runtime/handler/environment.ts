/**
 * `charge.env`: the function's `env` variables, typed by the generated module. Each is read from
 * `process.env` when it is used, not when the module loads, because a `secret(…)` variable is
 * set at cold start, after the module is imported (secrets.ts). A variable that is not set is an
 * error naming it (on Lambda it cannot happen; in a test that builds the handler by hand, it
 * says which variable the test forgot).
 */
export function environment<const Names extends string>(names: readonly Names[]): { readonly [N in Names]: string } {
  const env = {} as { [N in Names]: string };
  for (const name of names) {
    Object.defineProperty(env, name, {
      enumerable: true,
      get: () => {
        const value = process.env[name];
        if (value === undefined) throw new Error(`the environment variable ${name} is not set (it is in the function's \`env\` in the .flow file)`);
        return value;
      },
    });
  }
  return env;
}
