// Public face of the network module: spec types, analysis, presets, hyperparameters, (de)serialisation.
export * from './spec';
export * from './issues';
export * from './hyper';
export * from './params';
export * from './analyze';
export { DEFAULT_LIMITS, formatBytes, type MemoryEstimate, type MemoryLimits } from './memory';
export type { Wired } from '../layers';
export * from './presets';
export * from './docs';
export {
  canonicalSpec,
  canonicalHyper,
  serializeSpec,
  parseSpec,
  serializeHyper,
  parseHyper,
  validateHyperValue,
} from './serialize';
export { validateSpecValue } from './schema';
export { isObject, readWith } from './schema-kit';
export { parseJsonSafely, DEFAULT_JSON_LIMITS, type JsonLimits, type Parsed } from './safe-json';
export {
  encodeShareState,
  decodeShareState,
  readDiscriminator,
  MAX_SHARE_CHARS,
  type ShareState,
} from './share';
