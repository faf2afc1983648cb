export function generateFlow(functionCount: number): string;
