export function cacheDirectory(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, home?: string): string;
export function commandOf(argv: readonly string[]): string;
export function cacheKey(bundle: { sha256: string; bytes: number }, env?: NodeJS.ProcessEnv, execArgv?: readonly string[]): string;
export function readCache(path: string, key: string): Buffer | undefined;
export function writeCache(path: string, key: string, data: Buffer): void;
export function runCli(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<number>;
