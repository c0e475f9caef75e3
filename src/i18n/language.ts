// The languages the playground speaks, and which one a visit starts in: a link's `?lang=`, else the one
// kept in this browser, else the first of the browser's languages we speak, else English.

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK: Language = 'en';

/** Each language's own name, as the switch shows it to a reader of that language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '中文' };

/**
 * A BCP 47 tag as one of ours, or null. Any Chinese tag reads Simplified Chinese: a Traditional reader
 * follows it far better than English. Other tags match on their primary subtag (en-GB is en).
 */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  const exact = LANGUAGES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split(/[-_]/)[0];
  return LANGUAGES.find((l) => l.toLowerCase() === primary) ?? null;
}

export interface LanguageSources {
  /** `location.search`: a share or lesson link's `?lang=`. */
  search?: string;
  /** The language kept in this browser (the switch's last choice). */
  stored?: string | null;
  /** `navigator.languages`, most preferred first. */
  preferred?: readonly string[];
}

/** Which language a visit starts in, and whether a link chose it. */
export function detectLanguage({ search = '', stored, preferred = [] }: LanguageSources): {
  language: Language;
  fromLink: boolean;
} {
  const linked = matchLanguage(new URLSearchParams(search).get('lang'));
  if (linked) return { language: linked, fromLink: true };
  const kept = matchLanguage(stored);
  if (kept) return { language: kept, fromLink: false };
  for (const tag of preferred) {
    const match = matchLanguage(tag);
    if (match) return { language: match, fromLink: false };
  }
  return { language: FALLBACK, fromLink: false };
}
