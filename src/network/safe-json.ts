// JSON from outside (files, URLs, autosave) is parsed defensively: the size is checked before parsing,
// nesting depth is measured by a linear scan (so a 10,000-deep document never reaches JSON.parse's
// recursion), and keys that could pollute prototypes are refused anywhere in the tree.
import { tr } from '../i18n';
import { sizeAndLimit } from './sizes';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface JsonLimits {
  /** Longest text accepted, in characters. */
  maxChars: number;
  /** Deepest nesting of objects and arrays accepted. */
  maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxChars: 1_000_000, maxDepth: 16 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** "100.0 MB" for a character count (one byte per character for ASCII JSON). */
function megabytes(chars: number): string {
  return chars >= 100_000 ? `${(chars / 1_000_000).toFixed(1)} MB` : `${(chars / 1000).toFixed(1)} KB`;
}

/** The deepest nesting of { and [ outside strings, stopping early once past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

function findForbiddenKey(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path}.${key}`;
      const found = findForbiddenKey((value as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Parse untrusted JSON text; `what` names it in messages ("the file", "the share link"). */
export function parseJsonSafely(
  text: unknown,
  what: string,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): Parsed<unknown> {
  if (typeof text !== 'string') return { ok: false, error: tr('network:parse.notText', { what }) };
  if (text.length > limits.maxChars) {
    const [size, limit] = sizeAndLimit(
      text.length,
      limits.maxChars,
      megabytes,
      tr('network:parse.characters'),
    );
    return { ok: false, error: tr('network:parse.tooLarge', { what, size, limit }) };
  }
  const depth = nestingDepth(text, limits.maxDepth);
  if (depth > limits.maxDepth) {
    return { ok: false, error: tr('network:parse.tooDeep', { what, max: limits.maxDepth }) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: tr('network:parse.notJson', { what, detail }) };
  }
  const forbidden = findForbiddenKey(value, '$');
  if (forbidden)
    return {
      ok: false,
      error: tr('network:parse.forbiddenKey', {
        what,
        key: forbidden.slice(forbidden.lastIndexOf('.') + 1),
        path: forbidden,
      }),
    };
  return { ok: true, value };
}
