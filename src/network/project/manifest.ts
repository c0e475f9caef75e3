// project.json: what a project file says about itself (format, version, when it was saved) and the
// design, hyperparameters and dataset. Written in canonical key order; read through the same strict
// checks as share links and design files.
import type { Hyperparams } from '../hyper';
import { parseJsonSafely, type Parsed } from '../safe-json';
import { expectKeys, isObject, validateSpecValue } from '../schema';
import { canonicalHyper, canonicalSpec, validateHyperValue } from '../serialize';
import { isDatasetRef } from '../dataset-input';
import { DATASET_NAMES, type DatasetRef, type NetworkSpec } from '../spec';

export const PROJECT_FORMAT = 'cnn-playground-project';
// 2: the design is a graph (spec version 2). Version 1 projects (chains) open unchanged.
export const PROJECT_VERSION = 2;
export const WEIGHTS_ENTRY = 'weights.safetensors';
export const MANIFEST_ENTRY = 'project.json';

export interface ProjectManifest {
  spec: NetworkSpec;
  hyper: Hyperparams;
  dataset: DatasetRef;
  /** ISO 8601 time the project was saved. */
  createdAt: string;
  /** True when the archive carries weights.safetensors. */
  hasWeights: boolean;
}

const KEYS = ['format', 'version', 'createdAt', 'dataset', 'spec', 'hyper', 'weights'];
// 2026-11-25T09:08:14.000Z, as Date.toISOString writes it.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
// Room for the largest design the schema accepts, with indentation.
const MAX_MANIFEST_CHARS = 1_000_000;

export function manifestText(m: ProjectManifest): string {
  const json = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    createdAt: m.createdAt,
    dataset: m.dataset,
    spec: canonicalSpec(m.spec),
    hyper: canonicalHyper(m.hyper),
    weights: m.hasWeights ? WEIGHTS_ENTRY : null,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/** Checks project.json's text; the message says which field is wrong. */
export function parseManifest(text: string): Parsed<ProjectManifest> {
  const parsed = parseJsonSafely(text, 'project.json', { maxChars: MAX_MANIFEST_CHARS, maxDepth: 16 });
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (!isObject(raw)) return { ok: false, error: 'project.json must hold an object' };
  try {
    expectKeys(raw, KEYS, 'project.json');
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (raw.format !== PROJECT_FORMAT)
    return {
      ok: false,
      error: `project.json does not say it is a CNN Playground project (format "${PROJECT_FORMAT}")`,
    };
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1)
    return { ok: false, error: 'project.json has no valid format version' };
  if (raw.version > PROJECT_VERSION)
    return {
      ok: false,
      error: `the project was saved in format version ${raw.version}; this app reads versions 1 to ${PROJECT_VERSION}: update the app`,
    };
  if (
    typeof raw.createdAt !== 'string' ||
    !ISO_TIME.test(raw.createdAt) ||
    Number.isNaN(Date.parse(raw.createdAt))
  )
    return {
      ok: false,
      error: 'project.json: createdAt must be an ISO 8601 time such as 2026-01-31T12:00:00Z',
    };
  if (!isDatasetRef(raw.dataset))
    return {
      ok: false,
      error: `project.json: dataset must be one of ${Object.keys(DATASET_NAMES).join(', ')} or one of your datasets (user:…)`,
    };
  if (raw.weights !== null && raw.weights !== WEIGHTS_ENTRY && raw.weights !== undefined)
    return { ok: false, error: `project.json: weights must be "${WEIGHTS_ENTRY}" or null` };
  const spec = validateSpecValue(raw.spec);
  if (!spec.ok) return { ok: false, error: `the design is not valid: ${spec.error}` };
  const hyper = validateHyperValue(raw.hyper);
  if (!hyper.ok) return { ok: false, error: `the hyperparameters are not valid: ${hyper.error}` };
  const dataset = raw.dataset;
  if (spec.value.input.dataset !== dataset)
    return {
      ok: false,
      error: `project.json names dataset "${dataset}" but its design reads "${spec.value.input.dataset}"`,
    };
  return {
    ok: true,
    value: {
      spec: spec.value,
      hyper: hyper.value,
      dataset,
      createdAt: raw.createdAt,
      hasWeights: raw.weights === WEIGHTS_ENTRY,
    },
  };
}
