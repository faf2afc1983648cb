/**
 * A count as `toLocaleString('en-US')` writes it (`1,234`), without Intl: the first
 * `toLocaleString` of a process loads ICU's number formatting, 5–20 ms that `flowc check`
 * paid on every run just to print its summary line (docs/performance.md, "Start-up").
 * Anything but a non-negative safe integer is left to `toLocaleString`.
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0 || Object.is(count, -0)) return count.toLocaleString('en-US');
  const digits = String(count);
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let at = head; at < digits.length; at += 3) out += `,${digits.slice(at, at + 3)}`;
  return out;
}
