export function buildCli(options?: { quiet?: boolean }): Promise<void>;
export function buildRuntime(options?: { quiet?: boolean }): Promise<void>;
