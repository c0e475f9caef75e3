// The pieces every format read from outside is described with (valibot schemas): objects whose unknown
// fields are refused by name before anything else is read, whole numbers within a magnitude, and a reader
// that gives the first problem's message. Each message says what is wrong in the words a user can act on.
import { tr } from '../i18n';
import * as v from 'valibot';
import type { Parsed } from './safe-json';

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a value is, for messages: "a list", "null", "string". */
export function kindOf(value: unknown): string {
  if (value === null) return tr('network:schema.kindNull');
  if (Array.isArray(value)) return tr('network:schema.kindList');
  const type = typeof value;
  if (type === 'object') return tr('network:schema.kindObject');
  if (type === 'string') return tr('network:schema.kindString');
  if (type === 'number') return tr('network:schema.kindNumber');
  if (type === 'boolean') return tr('network:schema.kindBoolean');
  return tr('network:schema.kindOther', { type });
}

/**
 * An object with exactly `entries`: anything else is refused first ("`where` has an unknown field"), then
 * the entries are checked in order. The output is a fresh object holding only what was checked.
 */
export function fields<const E extends v.ObjectEntries>(
  entries: E,
  where: string | (() => string),
  notObject: (input: unknown) => string,
) {
  // A function is worded when a message is, in the language of that moment.
  const named = typeof where === 'string' ? () => where : where;
  const unknownKey = (input: Obj) => Object.keys(input).find((key) => !Object.hasOwn(entries, key));
  return v.pipe(
    v.custom<Obj>(isObject, (issue) => notObject(issue.input)),
    v.check(
      (input) => unknownKey(input) === undefined,
      (issue) =>
        tr('network:schema.unknownField', {
          where: named(),
          field: (unknownKey(issue.input as Obj) ?? '').slice(0, 40),
        }),
    ),
    // Every other field is there: the only issue left is a required one missing.
    v.object(entries, (issue) =>
      tr('network:schema.missingField', { where: named(), field: issue.expected ?? '' }),
    ),
  );
}

/** Any JSON number (NaN and infinities included, so that they get their own messages). */
export const anyNumber = (what: string) =>
  v.custom<number>(
    (input) => typeof input === 'number',
    (issue) => tr('network:schema.notNumber', { what, kind: kindOf(issue.input) }),
  );

/** A whole number from -max to max, each way out named. */
export function wholeNumber(max: number, what: string) {
  return v.pipe(
    anyNumber(what),
    v.check(
      (input: number) => Number.isFinite(input),
      () => tr('network:schema.notFinite', { what }),
    ),
    v.integer((issue) => tr('network:schema.notWhole', { what, value: String(issue.input) })),
    v.maxValue(max, (issue) => tr('network:schema.tooLarge', { what, value: String(issue.input), max })),
    v.minValue(-max, (issue) => tr('network:schema.outOfRange', { what, value: String(issue.input) })),
  );
}

/** The checked value, or the first problem's message. */
export function readWith<S extends v.GenericSchema>(schema: S, value: unknown): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  return result.success ? { ok: true, value: result.output } : { ok: false, error: result.issues[0].message };
}

/** `schema`, with `prefix` (written when a message is) before its message ("its discriminator: ..."). */
export function prefixed<S extends v.GenericSchema>(schema: S, prefix: () => string) {
  return v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const read = readWith(schema, dataset.value);
      if (read.ok) return read.value;
      addIssue({ message: `${prefix()}${read.error}` });
      return NEVER;
    }),
  );
}
