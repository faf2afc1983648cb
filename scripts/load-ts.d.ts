export function loadTs(entry: string): Promise<Record<string, unknown>>;
