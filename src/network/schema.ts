// Specs from outside (files, links, the autosave) are read by NetworkSpecSchema (spec-schema.ts): every
// field typed and bounded, unknown fields and kinds refused, and a fresh object built from what was checked.
import type { Parsed } from './safe-json';
import { readWith } from './schema-kit';
import { NetworkSpecSchema, type NetworkSpec } from './spec-schema';

/** Check an already-parsed value against the spec schema and build a clean NetworkSpec. */
export function validateSpecValue(raw: unknown): Parsed<NetworkSpec> {
  return readWith(NetworkSpecSchema, raw);
}
