// A classroom challenge as data: a dataset, a goal, optional locks and a deadline text. It travels in a
// link (`?challenge=<base64url JSON>`), so no server is needed; what a link carries is checked in full.
import * as v from 'valibot';
import { fromBase64Url, toBase64Url } from '../network/share';
import { isLayerKind } from '../network/spec';

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

export const Challenge = v.object({
  format: v.literal('cnn-playground-challenge/1'),
  title: text(100),
  dataset: v.picklist(['mnist', 'fashion-mnist']),
  goal: v.object({
    /** Test accuracy on the whole test set, 0..1. */
    minTestAccuracy: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    maxParams: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1e9))),
  }),
  locks: v.optional(
    v.object({
      epochs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
      noPreset: v.optional(v.boolean()),
      allowedKinds: v.optional(
        v.pipe(
          v.array(
            v.pipe(
              v.string(),
              v.check((s: string) => isLayerKind(s), 'not a layer kind this app knows'),
            ),
          ),
          v.minLength(1),
          v.maxLength(40),
        ),
      ),
    }),
    {},
  ),
  deadline: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
});

export type Challenge = v.InferOutput<typeof Challenge>;

const MAX_LINK_CHARS = 4096;

export function parseChallenge(
  raw: unknown,
): { ok: true; challenge: Challenge } | { ok: false; error: string } {
  const result = v.safeParse(Challenge, raw);
  if (result.success) return { ok: true, challenge: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, error: path ? `${path}: ${issue.message}` : issue.message };
}

export function encodeChallenge(challenge: Challenge): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(challenge)));
}

/** The challenge a link's query names, or why it cannot be read; null when the query names none. */
export function challengeFromQuery(
  search: string,
): { ok: true; challenge: Challenge } | { ok: false; error: string } | null {
  const value = new URLSearchParams(search).get('challenge');
  if (value === null) return null;
  if (value.length > MAX_LINK_CHARS) return { ok: false, error: 'the challenge link is too long to be one' };
  const bytes = fromBase64Url(value);
  if (!bytes) return { ok: false, error: 'the challenge link is damaged (it is not base64url text)' };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, error: 'the challenge link is damaged (its content is not JSON)' };
  }
  const parsed = parseChallenge(raw);
  return parsed.ok ? parsed : { ok: false, error: `the challenge link is not valid: ${parsed.error}` };
}

export function challengeLink(base: string, challenge: Challenge): string {
  const url = new URL(base);
  url.search = new URLSearchParams({ challenge: encodeChallenge(challenge) }).toString();
  url.hash = '';
  return url.href;
}
