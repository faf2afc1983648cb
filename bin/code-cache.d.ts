export function cacheDirectory(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, home?: string): string;
export function commandOf(argv: readonly string[]): string;
/** `bundle`: the SHA-256 the build recorded, and the length and modification time of the bundle as read. */
export function cacheKey(bundle: { sha256: string; length: number; modified: number }, env?: NodeJS.ProcessEnv, execArgv?: readonly string[]): string;
export function readCache(path: string, key: string): Buffer | undefined;
export function writeCache(path: string, key: string, data: Buffer): void;
export function runCli(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<number>;
