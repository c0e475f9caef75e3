// What a set of catalogues lacks: a key another language has, a plural form its language needs, or a
// `{{variable}}` the other languages' text uses (or one they lack). Used by the catalogue test.

/** Catalogues by language, then namespace: nested objects whose leaves are texts. */
export type Catalogues = Record<string, Record<string, unknown>>;

const PLURAL = /_(zero|one|two|few|many|other)$/;
const VARIABLE = /\{\{\s*([^,}\s]+)[^}]*\}\}/g;

/** Leaf texts by dotted path; a leaf that is not a string is reported as a problem. */
function flatten(value: unknown, prefix: string, out: Map<string, string>, problems: string[]): void {
  if (typeof value === 'string') {
    out.set(prefix, value);
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${prefix} is not a text or an object of texts`);
    return;
  }
  for (const [key, child] of Object.entries(value))
    flatten(child, prefix ? `${prefix}.${key}` : key, out, problems);
}

interface Entry {
  /** The plural forms present (empty for a key without plurals). */
  forms: Set<string>;
  variables: Set<string>;
}

/** Each message of one language's namespace, plural forms folded into their base key. */
function entriesOf(texts: Map<string, string>): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const [path, text] of texts) {
    const form = PLURAL.exec(path);
    const base = form ? path.slice(0, form.index) : path;
    const entry = entries.get(base) ?? { forms: new Set(), variables: new Set() };
    if (form) entry.forms.add(form[1]);
    for (const match of text.matchAll(VARIABLE)) entry.variables.add(match[1]);
    entries.set(base, entry);
  }
  return entries;
}

const sorted = (set: Iterable<string>) => [...set].sort().join(', ');

export function catalogueProblems(catalogues: Catalogues): string[] {
  const problems: string[] = [];
  const languages = Object.keys(catalogues);
  const namespaces = new Set(languages.flatMap((l) => Object.keys(catalogues[l])));
  for (const ns of namespaces) {
    const byLanguage = new Map<string, Map<string, Entry>>();
    for (const language of languages) {
      const texts = new Map<string, string>();
      const bad: string[] = [];
      if (!(ns in catalogues[language])) problems.push(`${language} has no "${ns}" catalogue`);
      else flatten(catalogues[language][ns], '', texts, bad);
      problems.push(...bad.map((b) => `${language}/${ns}: ${b}`));
      byLanguage.set(language, entriesOf(texts));
    }
    const keys = new Set([...byLanguage.values()].flatMap((entries) => [...entries.keys()]));
    for (const key of [...keys].sort()) {
      const present = languages.filter((l) => byLanguage.get(l)!.has(key));
      for (const language of languages) {
        const entry = byLanguage.get(language)!.get(key);
        if (!entry) {
          problems.push(`${language}/${ns} lacks "${key}" (in ${present.join(', ')})`);
          continue;
        }
        // A plural key needs every form its language's Intl.PluralRules can choose, and nothing else.
        const plural = present.some((l) => byLanguage.get(l)!.get(key)!.forms.size > 0);
        if (plural) {
          const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
          const missing = needed.filter((f) => !entry.forms.has(f));
          if (missing.length > 0)
            problems.push(`${language}/${ns} "${key}" lacks the plural forms ${sorted(missing)}`);
        }
        for (const other of present) {
          if (other === language) continue;
          const extra = [...entry.variables].filter(
            (v) => !byLanguage.get(other)!.get(key)!.variables.has(v),
          );
          if (extra.length > 0)
            problems.push(`${language}/${ns} "${key}" uses {{${sorted(extra)}}}, which ${other} lacks`);
        }
      }
    }
  }
  return problems;
}
