export function collectMessages(files?: string[]): { bundle: Record<string, string>; problems: string[] };
export function bundleText(bundle: Record<string, string>): string;
