// Share links: the design and hyperparameters (seed included) as base64url of compact JSON, for the
// URL fragment. Decoding is capped in size and goes through the same checks as an imported file.
import * as v from 'valibot';
import { tr } from '../i18n';
import { HyperparamsSchema } from './hyper';
import { checkParams } from './infer';
import { parseJsonSafely, type Parsed } from './safe-json';
import { fields, prefixed, readWith } from './schema-kit';
import { canonicalHyper, canonicalSpec } from './serialize';
import { NetworkSpecSchema, type NetworkSpec } from './spec-schema';

/** Longest encoded state accepted; a 64-layer design with long ids stays well under it. */
export const MAX_SHARE_CHARS = 65_536;
// 2: designs are graphs (layers may name their inputs). Version 1 links (chains) open unchanged.
const SHARE_VERSION = 2;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** null when the text is not base64url (no padding). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    acc = (acc << 6) | ALPHABET.indexOf(text[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 255;
    }
  }
  return bytes;
}

/** The fragment text for a share URL (without '#'). Throws only if the state is beyond any valid design. */
export function encodeShareState(state: ShareState): string {
  const json = JSON.stringify({
    v: SHARE_VERSION,
    spec: canonicalSpec(state.spec),
    hyper: canonicalHyper(state.hyper),
    ...(state.discriminator ? { discriminator: canonicalSpec(state.discriminator) } : {}),
  });
  const encoded = toBase64Url(new TextEncoder().encode(json));
  if (encoded.length > MAX_SHARE_CHARS)
    throw new Error(tr('network:parse.tooLargeToShare', { n: encoded.length }));
  return encoded;
}

/** Read a share fragment (a leading '#' is ignored); any problem gives a message and nothing else. */
export function decodeShareState(
  fragment: string,
): ({ ok: true } & ShareState) | { ok: false; error: string } {
  if (typeof fragment !== 'string')
    return { ok: false, error: tr('network:parse.notText', { what: tr('network:parse.theShareLink') }) };
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_SHARE_CHARS) {
    return {
      ok: false,
      error: tr('network:parse.linkTooLong', {
        n: text.length.toLocaleString('en-US'),
        max: MAX_SHARE_CHARS.toLocaleString('en-US'),
      }),
    };
  }
  const bytes = fromBase64Url(text);
  if (!bytes) return { ok: false, error: tr('network:parse.linkNotBase64') };
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: tr('network:parse.linkNotDecoded') };
  }
  const parsed = parseJsonSafely(json, tr('network:parse.theShareLink'));
  if (!parsed.ok) return parsed;
  const state = readState(parsed.value);
  return state.ok
    ? { ok: true, ...state.value }
    : { ok: false, error: tr('network:parse.linkInvalid', { error: state.error }) };
}

/**
 * A link is held to the builder's parameter ranges (params.ts), where the spec schema only bounds
 * magnitudes so that a file can open with its errors shown: a link is opened by a click, and
 * out_channels -5 must not be.
 */
const LinkedSpecSchema = v.pipe(
  NetworkSpecSchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const [index, layer] of dataset.value.layers.entries()) {
      const problem = checkParams(layer, index).find((issue) => issue.severity === 'error');
      if (problem) return addIssue({ message: problem.message });
    }
  }),
);

/** The optional second GAN network: checked like any linked design; its pairing is checked below. */
const DiscriminatorSchema = v.pipe(
  prefixed(LinkedSpecSchema, () => tr('network:parse.itsDiscriminator')),
  v.check(
    (spec) => spec.task === 'discriminator',
    (issue) =>
      tr('network:parse.secondNotDiscriminator', {
        task: tr(`network:task.${(issue.input as NetworkSpec).task}`),
      }),
  ),
);

/** A share link's state: the design, its hyperparameters and, for a GAN, the discriminator. */
export const ShareStateSchema = v.pipe(
  fields(
    {
      v: v.custom<1 | 2>(
        (input) => input === 1 || input === SHARE_VERSION,
        (issue) => tr('network:parse.version', { version: String(issue.input), current: SHARE_VERSION }),
      ),
      spec: LinkedSpecSchema,
      hyper: HyperparamsSchema,
      /** A GAN's discriminator, shared beside its generator (`spec`); absent for every other design. */
      discriminator: v.optional(DiscriminatorSchema),
    },
    () => tr('network:schema.it'),
    () => tr('network:parse.mustBeObject'),
  ),
  v.check(
    ({ spec, discriminator }) => !discriminator || spec.task === 'generator',
    (issue) =>
      tr('network:parse.pairs', {
        task: tr(`network:task.${(issue.input as { spec: NetworkSpec }).spec.task}`),
      }),
  ),
  v.transform(({ spec, hyper, discriminator }) =>
    discriminator ? { spec, hyper, discriminator } : { spec, hyper },
  ),
);

export type ShareState = v.InferOutput<typeof ShareStateSchema>;

function readState(raw: unknown): Parsed<ShareState> {
  return readWith(ShareStateSchema, raw);
}

/** The optional second GAN network: checked like any design, and only beside a generator. */
export function readDiscriminator(raw: unknown, generator: NetworkSpec): Parsed<NetworkSpec> {
  const spec = readWith(DiscriminatorSchema, raw);
  if (!spec.ok) return spec;
  if (generator.task !== 'generator')
    return { ok: false, error: tr('network:parse.pairs', { task: tr(`network:task.${generator.task}`) }) };
  return spec;
}
