/** Reading the fields a flow names (`group = account`, `partition = device`) out of a message. */

/** The value at `path` in `message`, or undefined when a step is missing. */
export function readField(message: unknown, path: readonly string[]): unknown {
  let value: unknown = message;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** The string an id is made of (a group id, a deduplication id, a partition key); `purpose` names it in errors. */
export function idFromField(message: unknown, path: readonly string[], purpose: string): string {
  const value = readField(message, path);
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const shown = value === undefined ? 'missing' : JSON.stringify(value);
  throw new TypeError(`the message field \`${path.join('.')}\` gives the ${purpose}, but it is ${shown}: it must be a non-empty string or a number`);
}
