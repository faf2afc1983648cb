/**
 * IP addresses and CIDR blocks as EventBridge reads them (aws/event-ruler `CIDR.java`): an IPv4
 * address is four decimal numbers 0–255 joined by `.`, an IPv6 address hexadecimal groups and
 * `:` (with one `::` for a run of zero groups). A CIDR block is an address, `/` and the number of
 * fixed leading bits: 0–31 for IPv4 and 0–127 for IPv6, since event-ruler refuses a block of one
 * address (match one address by writing it as a value).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */

const ipv4Shape = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const ipv6Shape = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** The bytes of an IPv4 (4) or IPv6 (16) address, or null when the text is not one. */
export function parseIpAddress(text: string): Uint8Array | null {
  if (ipv4Shape.test(text)) return parseIpv4(text);
  if (ipv6Shape.test(text)) return parseIpv6(text);
  return null;
}

function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (part.length > 3) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    for (const group of half.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      out.push(Number.parseInt(group, 16));
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

export interface CidrBlock {
  readonly network: Uint8Array;
  readonly bits: number;
}

/** A CIDR block, or a sentence saying why the text is not one (in the user's words). */
export function parseCidr(text: string): CidrBlock | string {
  const parts = text.split('/');
  if (parts.length !== 2) return 'a CIDR block is an address, `/` and a number of bits, such as `"10.0.0.0/24"`';
  const [address, bitsText] = parts as [string, string];
  const network = parseIpAddress(address);
  if (network === null) return `\`${address}\` is not an IPv4 or IPv6 address`;
  if (!/^[0-9]{1,3}$/.test(bitsText)) return `\`${bitsText}\` is not a number of bits`;
  const bits = Number(bitsText);
  const max = network.length === 4 ? 31 : 127;
  if (bits > max) {
    return `an ${network.length === 4 ? 'IPv4' : 'IPv6'} block has at most ${max} fixed bits; to match the one address, write it as a value`;
  }
  return { network, bits };
}

export function inCidr(address: Uint8Array, block: CidrBlock): boolean {
  if (address.length !== block.network.length) return false;
  for (let bit = 0; bit < block.bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((address[byte] as number) & mask) !== ((block.network[byte] as number) & mask)) return false;
  }
  return true;
}

export function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
