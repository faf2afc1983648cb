/** The largest file flowc reads: a 10,000-function flow is about 1.3 MB. Readers stop one byte past it. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export type DecodeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'too-large' | 'binary' | 'invalid-utf8'; readonly byteOffset: number; readonly line: number; readonly message: string };

/**
 * Bytes → text. Refuses what is not UTF-8 text (invalid sequences, NUL bytes) and what is too
 * large, saying where, instead of letting the lexer report a screen of nonsense. A UTF-8 byte
 * order mark is dropped.
 */
export function decodeSource(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      reason: 'too-large',
      byteOffset: MAX_SOURCE_BYTES,
      line: 1,
      // The reader stops one byte past the limit (an endless file has no size), so the
      // message says "larger than", not how large.
      message: `the file is larger than ${formatBytes(MAX_SOURCE_BYTES)}, the most flowc reads`,
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      reason: 'binary',
      byteOffset: nul,
      line: lineAt(bytes, nul),
      message: `the file is not text: it contains a NUL byte at byte ${nul} (line ${lineAt(bytes, nul)})`,
    };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start)) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      ok: false,
      reason: 'invalid-utf8',
      byteOffset: offset,
      line: lineAt(bytes, offset),
      message: `the file is not valid UTF-8: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at byte ${offset} (line ${lineAt(bytes, offset)}) does not start or continue a character`,
    };
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let codePoint = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (c & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${n} bytes`;
}
