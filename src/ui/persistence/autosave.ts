// The autosave: the design and hyperparameters in one localStorage entry under a versioned key, read back
// through the network module's strict parsers. An entry that cannot be read is never deleted and never
// overwritten: it is moved aside to `<key>.quarantine.<time>` first, and the user is told where it went.
import * as v from 'valibot';
import {
  decodeShareState,
  isObject,
  parseHyper,
  parseJsonSafely,
  parseSpec,
  readDiscriminator,
  readWith,
  serializeHyper,
  serializeSpec,
  type Hyperparams,
  type NetworkSpec,
  type Parsed,
} from '../../network';

export const AUTOSAVE_KEY = 'cnn-playground/autosave/v2';
/** The first autosave format (a share-link encoding); read once and moved to AUTOSAVE_KEY. */
export const LEGACY_AUTOSAVE_KEY = 'cnn-playground/design/v1';
const FORMAT = 'cnn-playground-autosave';
const VERSION = 2;

/** The part of the Web Storage API the autosave uses (localStorage, or an in-memory one in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Design {
  spec: NetworkSpec;
  hyper: Hyperparams;
  /** A GAN's discriminator beside its generator (`spec`); absent for other designs. */
  discriminator?: NetworkSpec;
}

export type AutosaveLoad =
  | { kind: 'empty' }
  | { kind: 'restored'; design: Design; savedAt: string | null }
  /** The entry was unreadable; `quarantineKey` is where it now is (null: no room, so it stayed in place). */
  | { kind: 'quarantined'; reason: string; quarantineKey: string | null; notice: string }
  | { kind: 'unavailable'; notice: string };

export type AutosaveSave = { ok: true } | { ok: false; notice: string };

/** The entry's text: a small envelope around the canonical spec and hyperparameter texts. */
export function encodeAutosave(design: Design, savedAt: Date): string {
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    savedAt: savedAt.toISOString(),
    spec: serializeSpec(design.spec),
    hyper: serializeHyper(design.hyper),
    ...(design.discriminator ? { discriminator: serializeSpec(design.discriminator) } : {}),
  });
}

/** A field whose text is read by `read` (a JSON text inside the entry); its message as it gives it. */
function textOf<T>(read: (text: string) => Parsed<T>, notText: string) {
  return v.pipe(
    v.custom<string>((input) => typeof input === 'string', notText),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const result = read(dataset.value);
      if (result.ok) return result.value;
      addIssue({ message: result.error });
      return NEVER;
    }),
  );
}

const MISSING = 'the autosave lacks its design or hyperparameters';
const designOf = (text: string): Parsed<NetworkSpec> => {
  const read = parseSpec(text);
  return read.ok ? { ok: true, value: read.spec } : read;
};
const hyperOf = (text: string): Parsed<Hyperparams> => {
  const read = parseHyper(text);
  return read.ok ? { ok: true, value: read.hyper } : read;
};

/** The entry: its format and version, then the design's and hyperparameters' canonical texts. */
const AutosaveSchema = v.pipe(
  v.custom<Record<string, unknown>>(
    (input) => isObject(input) && input.format === FORMAT,
    'the autosave is not a CNN Playground autosave',
  ),
  v.object({
    version: v.custom<typeof VERSION>(
      (input) => input === VERSION,
      (issue) => `the autosave has version ${String(issue.input)}, not ${VERSION}`,
    ),
    spec: textOf(designOf, MISSING),
    hyper: textOf(hyperOf, MISSING),
    // Written by older builds without a time, or by hand: the design is still worth restoring.
    savedAt: v.pipe(
      v.unknown(),
      v.transform((input) => (typeof input === 'string' ? input : null)),
    ),
    /** A GAN's discriminator beside its generator (`spec`); absent for other designs. */
    discriminator: v.optional(
      textOf(
        (text) => parseJsonSafely(text, "the autosave's discriminator"),
        "the autosave's discriminator is not a design",
      ),
    ),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const { spec, hyper, savedAt, discriminator } = dataset.value;
    if (discriminator === undefined) return { spec, hyper, savedAt };
    const paired = readDiscriminator(discriminator, spec);
    if (paired.ok) return { spec, hyper, discriminator: paired.value, savedAt };
    addIssue({ message: `the autosave is not valid: ${paired.error}` });
    return NEVER;
  }),
);

/** Reads an entry; any problem (bad JSON, wrong format, a design that fails validation) is a message. */
export function decodeAutosave(text: string): Parsed<Design & { savedAt: string | null }> {
  const envelope = parseJsonSafely(text, 'the autosave');
  if (!envelope.ok) return envelope;
  return readWith(AutosaveSchema, envelope.value);
}

function decodeLegacy(text: string): Parsed<Design & { savedAt: null }> {
  const state = decodeShareState(text);
  return state.ok
    ? {
        ok: true,
        value: {
          spec: state.spec,
          hyper: state.hyper,
          savedAt: null,
          ...(state.discriminator ? { discriminator: state.discriminator } : {}),
        },
      }
    : { ok: false, error: state.error };
}

/** `<key>.quarantine.<ISO time>`, with a counter if that name is taken. */
export function quarantineKeyFor(storage: KeyValueStorage, key: string, now: Date): string {
  const base = `${key}.quarantine.${now.toISOString()}`;
  let candidate = base;
  for (let n = 2; storage.getItem(candidate) !== null; n++) candidate = `${base}.${n}`;
  return candidate;
}

/** Copies the entry aside, then removes the original; returns the new key, or null when the copy failed. */
function quarantine(storage: KeyValueStorage, key: string, text: string, now: Date): string | null {
  const aside = quarantineKeyFor(storage, key, now);
  try {
    storage.setItem(aside, text);
  } catch {
    return null;
  }
  storage.removeItem(key);
  return aside;
}

function quarantineNotice(reason: string, aside: string | null, key: string): string {
  return aside
    ? `Your last autosave could not be read (${reason}); it was kept aside as "${aside}" and the default design was loaded.`
    : `Your last autosave could not be read (${reason}). There is no room in this browser's storage to keep a copy aside, so it was left as "${key}" and the default design was loaded; autosave stays off until storage is freed.`;
}

const UNAVAILABLE =
  'This browser does not allow the playground to store data, so the design will not be kept between visits.';

/** Reads the autosave (or the legacy one, moving it to the current key); `null` storage means none. */
export function loadAutosave(storage: KeyValueStorage | null, now = new Date()): AutosaveLoad {
  if (!storage) return { kind: 'unavailable', notice: UNAVAILABLE };
  try {
    for (const [key, decode] of [
      [AUTOSAVE_KEY, decodeAutosave],
      [LEGACY_AUTOSAVE_KEY, decodeLegacy],
    ] as const) {
      const text = storage.getItem(key);
      if (text === null) continue;
      const result = decode(text);
      if (result.ok) {
        const { savedAt, ...design } = result.value;
        if (key === LEGACY_AUTOSAVE_KEY && saveAutosave(storage, design, now).ok) storage.removeItem(key);
        return { kind: 'restored', design, savedAt };
      }
      const aside = quarantine(storage, key, text, now);
      return {
        kind: 'quarantined',
        reason: result.error,
        quarantineKey: aside,
        notice: quarantineNotice(result.error, aside, key),
      };
    }
    return { kind: 'empty' };
  } catch {
    return { kind: 'unavailable', notice: UNAVAILABLE };
  }
}

/**
 * Writes the design if it reads back. An unreadable entry already under the key is quarantined first, and
 * if that is not possible it is left alone and nothing is written: a save never destroys what a load could
 * not read, and never writes what a load would refuse.
 */
export function saveAutosave(
  storage: KeyValueStorage | null,
  design: Design,
  now = new Date(),
): AutosaveSave {
  if (!storage) return { ok: false, notice: UNAVAILABLE };
  try {
    const existing = storage.getItem(AUTOSAVE_KEY);
    if (
      existing !== null &&
      !decodeAutosave(existing).ok &&
      !quarantine(storage, AUTOSAVE_KEY, existing, now)
    )
      return { ok: false, notice: quarantineNotice('it is damaged', null, AUTOSAVE_KEY) };
    // A design mid-edit may not pass the strict parsers; saving it would make the next load quarantine it.
    const text = encodeAutosave(design, now);
    const check = decodeAutosave(text);
    if (!check.ok)
      return {
        ok: false,
        notice: `The latest change is not autosaved while ${check.error}; the last version that can be reopened is kept.`,
      };
    storage.setItem(AUTOSAVE_KEY, text);
    return { ok: true };
  } catch (error) {
    const full = error instanceof DOMException && error.name === 'QuotaExceededError';
    return {
      ok: false,
      notice: full
        ? "The design could not be saved: this browser's storage for the playground is full."
        : 'The design could not be saved: this browser blocked the playground from storing it.',
    };
  }
}

/** localStorage where the page may use it, else null (some privacy settings throw on access). */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
