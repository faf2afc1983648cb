/**
 * `memory = 512MB` is not a malformed duration but a size written with a unit: the parser's
 * malformed-number problem gets a message and a hint that say what to write. It lives with the
 * parser because it rewrites a parse problem, before any setting is resolved; the units are those
 * of the settings schema (compiler/settings/schema.ts: `memory` in MB, `max_size` in bytes).
 */

/** Sizes people write with a unit; flowc takes memory in MB and message sizes in bytes. */
const sizeUnits: Readonly<Record<string, number>> = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 };

/** The settings whose values are sizes, and the unit each is in. */
const sizeSettings: Readonly<Record<string, { readonly unit: number; readonly words: string }>> = {
  memory: { unit: 1024 ** 2, words: 'a whole number of MB' },
  max_size: { unit: 1, words: 'a whole number of bytes' },
};

/**
 * The message and hint for a size written with a unit (`memory = 512MB`, `memory = 1GB`,
 * `max_size = 256KB`): it is not a duration, it is a number in the setting's unit. `setting`
 * is the name before `=`, when there is one.
 */
export function sizeWithUnit(image: string, setting: string | undefined): { readonly message: string; readonly help: string } | undefined {
  const match = /^(\d+)([A-Za-z]+)$/.exec(image);
  const factor = match === null ? undefined : sizeUnits[match[2]!.toLowerCase()];
  if (match === null || factor === undefined) return undefined;
  const amount = Number(match[1]);
  const size = setting === undefined ? undefined : sizeSettings[setting];
  if (size === undefined) {
    return { message: `\`${image}\` is not a duration or a number: sizes take no unit`, help: 'write the number alone: `memory` is in MB, `max_size` in bytes' };
  }
  const value = (amount * factor) / size.unit;
  const help = Number.isInteger(value) ? `write \`${setting} = ${value}\`` : `write \`${setting}\` in its unit, e.g. \`${setting} = ${Math.max(1, Math.round(value))}\``;
  return { message: `\`${image}\` is not a duration: \`${setting}\` is ${size.words}, written without a unit`, help };
}
