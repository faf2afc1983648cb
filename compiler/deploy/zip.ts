import { zipSync } from 'fflate';

/**
 * A fixed modification time for every entry. Zip stores local DOS time and fflate converts
 * with the local-time getters, so a date built from local components encodes to the same
 * bytes in every time zone. 1980-01-01 is the earliest DOS date.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Regular file, rw-r--r--: Lambda must be able to read what it unpacks. */
const UNIX_FILE_ATTRIBUTES = 0o100644 << 16;
const UNIX_OS = 3;

/**
 * A deterministic zip: entries sorted by path, fixed timestamps and permissions, so the same
 * files always give the same bytes and therefore the same content-hash name.
 */
export function deterministicZip(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date; os: number; attrs: number }]> = {};
  for (const path of [...files.keys()].sort()) {
    entries[path] = [files.get(path) as Uint8Array, { mtime: FIXED_MTIME, os: UNIX_OS, attrs: UNIX_FILE_ATTRIBUTES }];
  }
  return zipSync(entries, { level: 9 });
}
