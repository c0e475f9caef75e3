// project.json: what a project file says about itself (format, version, when it was saved) and the
// design, hyperparameters and dataset. Written in canonical key order; read through the same strict
// checks as share links and design files.
import * as v from 'valibot';
import { tr } from '../../i18n';
import { HyperparamsSchema } from '../hyper';
import { parseJsonSafely, type Parsed } from '../safe-json';
import { fields, prefixed, readWith } from '../schema-kit';
import { canonicalHyper, canonicalSpec } from '../serialize';
import { isDatasetRef } from '../dataset-input';
import { DATASET_IDS, NetworkSpecSchema, type DatasetRef, type NetworkSpec } from '../spec-schema';

export const PROJECT_FORMAT = 'cnn-playground-project';
// 2: the design is a graph (spec version 2). Version 1 projects (chains) open unchanged.
export const PROJECT_VERSION = 2;
export const WEIGHTS_ENTRY = 'weights.safetensors';
export const MANIFEST_ENTRY = 'project.json';

// 2026-11-25T09:08:14.000Z, as Date.toISOString writes it.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
// Room for the largest design the schema accepts, with indentation.
const MAX_MANIFEST_CHARS = 1_000_000;

/** project.json as read: the format and its version first, then each field, then the dataset the design reads. */
export const ProjectManifestSchema = v.pipe(
  fields(
    {
      format: v.literal(PROJECT_FORMAT, () => tr('network:schema.projectFormat', { format: PROJECT_FORMAT })),
      version: v.pipe(
        v.custom<number>(
          (input) => typeof input === 'number' && Number.isInteger(input) && input >= 1,
          () => tr('network:schema.projectVersion'),
        ),
        v.maxValue(PROJECT_VERSION, (issue) =>
          tr('network:schema.projectNewer', { version: String(issue.input), current: PROJECT_VERSION }),
        ),
      ),
      /** ISO 8601 time the project was saved. */
      createdAt: v.custom<string>(
        (input) => typeof input === 'string' && ISO_TIME.test(input) && !Number.isNaN(Date.parse(input)),
        () => tr('network:schema.projectCreatedAt'),
      ),
      dataset: v.custom<DatasetRef>(isDatasetRef, () =>
        tr('network:schema.projectDataset', { ids: DATASET_IDS.join(', ') }),
      ),
      weights: v.nullish(
        v.literal(WEIGHTS_ENTRY, () => tr('network:schema.projectWeights', { entry: WEIGHTS_ENTRY })),
      ),
      spec: prefixed(NetworkSpecSchema, () => tr('network:parse.designInvalid', { error: '' })),
      hyper: prefixed(HyperparamsSchema, () => tr('network:parse.hyperInvalid', { error: '' })),
    },
    'project.json',
    () => 'project.json must hold an object',
  ),
  v.check(
    ({ dataset, spec }) => spec.input.dataset === dataset,
    (issue) => {
      const { dataset, spec } = issue.input as { dataset: string; spec: NetworkSpec };
      return `project.json names dataset "${dataset}" but its design reads "${spec.input.dataset}"`;
    },
  ),
  v.transform(({ spec, hyper, dataset, createdAt, weights }) => ({
    spec,
    hyper,
    dataset,
    createdAt,
    /** True when the archive carries weights.safetensors. */
    hasWeights: weights === WEIGHTS_ENTRY,
  })),
);

export type ProjectManifest = v.InferOutput<typeof ProjectManifestSchema>;

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
  return readWith(ProjectManifestSchema, parsed.value);
}
