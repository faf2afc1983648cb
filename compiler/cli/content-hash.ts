import * as crypto from 'node:crypto';

/**
 * The identity of bytes flowc read or wrote, for its caches (cache-file.ts, build-replay.ts):
 * SHA-256, base64url. An unchanged rebuild hashes every file the last build read (a thousand
 * handlers, 5 MB of templates), so the hash is taken in one call: `crypto.hash` (Node 20.12)
 * costs about a sixth of `createHash().update().digest()` on a handler-sized file, where the
 * per-call set-up, not the hashing, is the cost. Older Node 20 releases take the long way.
 */
export const contentHash: (bytes: Uint8Array | string) => string =
  typeof crypto.hash === 'function' ? (bytes) => crypto.hash('sha256', bytes, 'base64url') : (bytes) => crypto.createHash('sha256').update(bytes).digest('base64url');
