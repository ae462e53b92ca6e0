export const PAIRS: Array<{ english: string; localeFile: (locale: string) => string }>;
export function preservedTokens(text: string): string[];
export function tokenDifference(english: string, translation: string): { lost: string[]; added: string[] };
export function compareMessages(
  english: Record<string, string>,
  translated: Record<string, unknown>,
): { missing: string[]; broken: Record<string, { lost: string[]; added: string[] }>; stale: string[] };
export function readMessages(relative: string, dir?: string): Record<string, string> | undefined;
export function existingLocales(dir?: string): string[];
export function missingTranslations(options?: {
  locales?: string[];
  detail?: boolean;
  dir?: string;
}): Record<string, Record<string, unknown>>;
