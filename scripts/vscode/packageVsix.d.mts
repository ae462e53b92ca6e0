export const VSCE_FLAGS: string[];
export function packageVsix(out?: string): { path: string; ms: number; listing: string };
