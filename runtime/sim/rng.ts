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

  /** A random (version 4) UUID, as AWS uses for message and request ids. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      BYTE_HEX[a >>> 24]! +
      BYTE_HEX[(a >>> 16) & 255]! +
      BYTE_HEX[(a >>> 8) & 255]! +
      BYTE_HEX[a & 255]! +
      '-' +
      BYTE_HEX[b >>> 24]! +
      BYTE_HEX[(b >>> 16) & 255]! +
      '-4' +
      HEX[(b >>> 8) & 15]! +
      BYTE_HEX[b & 255]! +
      '-' +
      HEX[8 | (c >>> 30)]! +
      HEX[(c >>> 24) & 15]! +
      BYTE_HEX[(c >>> 16) & 255]! +
      '-' +
      BYTE_HEX[(c >>> 8) & 255]! +
      BYTE_HEX[c & 255]! +
      BYTE_HEX[d >>> 24]! +
      BYTE_HEX[(d >>> 16) & 255]! +
      BYTE_HEX[(d >>> 8) & 255]! +
      BYTE_HEX[d & 255]!
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
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => HEX[byte >>> 4]! + HEX[byte & 15]!);

function hex8(value: number): string {
  return BYTE_HEX[value >>> 24]! + BYTE_HEX[(value >>> 16) & 255]! + BYTE_HEX[(value >>> 8) & 255]! + BYTE_HEX[value & 255]!;
}
