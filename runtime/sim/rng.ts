/**
 * A seeded pseudo-random generator (sfc32, seeded through splitmix32): the only source of
 * randomness in the simulator, so one seed always replays the same run.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.float() * bound);
  }

  /**
   * A random (version 4) UUID, as AWS uses for message and request ids. Built as one flat
   * string: joining it from pieces with `+` would leave a rope of some twenty string objects
   * (about 450 bytes) behind every id, which a queue of pending messages keeps alive.
   */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return String.fromCharCode(
      digit(a, 28), digit(a, 24), digit(a, 20), digit(a, 16), digit(a, 12), digit(a, 8), digit(a, 4), digit(a, 0),
      DASH,
      digit(b, 28), digit(b, 24), digit(b, 20), digit(b, 16),
      DASH,
      FOUR, digit(b, 8), digit(b, 4), digit(b, 0),
      DASH,
      HEX_CODES[8 | (c >>> 30)]!, digit(c, 24), digit(c, 20), digit(c, 16),
      DASH,
      digit(c, 12), digit(c, 8), digit(c, 4), digit(c, 0),
      digit(d, 28), digit(d, 24), digit(d, 20), digit(d, 16), digit(d, 12), digit(d, 8), digit(d, 4), digit(d, 0),
    );
  }

  /** `length` hexadecimal digits. */
  hex(length: number): string {
    let text = '';
    while (text.length < length) text += hex8(this.uint32());
    return text.slice(0, length);
  }
}

const HEX = '0123456789abcdef';
const HEX_CODES: readonly number[] = Array.from(HEX, (char) => char.charCodeAt(0));
const DASH = 0x2d;
const FOUR = 0x34;

/** The character code of the hexadecimal digit of `value` at bit `shift`. */
function digit(value: number, shift: number): number {
  return HEX_CODES[(value >>> shift) & 15]!;
}
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => HEX[byte >>> 4]! + HEX[byte & 15]!);

function hex8(value: number): string {
  return BYTE_HEX[value >>> 24]! + BYTE_HEX[(value >>> 16) & 255]! + BYTE_HEX[(value >>> 8) & 255]! + BYTE_HEX[value & 255]!;
}
