// The command line of a benchmark script: `--name N` options and `--flag` switches.
const args = process.argv.slice(2);

/** The number after `name` on the command line, or `fallback` when it is not given. */
export function numberOption(name, fallback) {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
}

/** Whether the switch `name` is on the command line. */
export function flag(name) {
  return args.includes(name);
}
