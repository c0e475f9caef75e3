// The result file a learner hands in: the challenge, the design, its training settings, the measured
// metrics, the seed and the trained weights (safetensors bytes) with their SHA-256, sealed by a SHA-256
// digest of everything else. Without a server there is no secret to sign with, so the digest only shows
// an edit made after hand-in; the teacher's re-evaluation of the design and weights is the real check.
import { tr } from '../i18n';
import * as v from 'valibot';
import { analyzeSpec } from '../network/analyze';
import { importWeights } from '../network/export';
import type { Hyperparams } from '../network/hyper';
import { parseJsonSafely } from '../network/safe-json';
import { validateSpecValue } from '../network/schema';
import { validateHyperValue } from '../network/serialize';
import { fromBase64Url, toBase64Url } from '../network/share';
import type { NetworkSpec } from '../network/spec';
import { Challenge } from './challenge';

export const RESULT_FORMAT = 'cnn-playground-result/1';
export const MAX_RESULT_CHARS = 40_000_000;

const Metrics = v.object({
  testAccuracy: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  testImages: v.pipe(v.number(), v.integer(), v.minValue(1)),
  params: v.pipe(v.number(), v.integer(), v.minValue(0)),
  steps: v.pipe(v.number(), v.integer(), v.minValue(0)),
  trainSeconds: v.pipe(v.number(), v.minValue(0), v.finite()),
});

const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in hex'));

const ResultShape = v.object({
  format: v.literal(RESULT_FORMAT),
  learner: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80)),
  challenge: Challenge,
  design: v.unknown(),
  hyper: v.unknown(),
  metrics: Metrics,
  seed: v.pipe(v.number(), v.integer(), v.minValue(0)),
  weights: v.pipe(v.string(), v.maxLength(MAX_RESULT_CHARS)),
  weightsSha256: hex64,
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  digest: hex64,
});

export type ResultMetrics = v.InferOutput<typeof Metrics>;

export interface ResultFile extends Omit<v.InferOutput<typeof ResultShape>, 'design' | 'hyper'> {
  design: NetworkSpec;
  hyper: Hyperparams;
}

/** JSON with object keys sorted at every level, so the digest does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const hash = await crypto.subtle.digest('SHA-256', data as BufferSource);
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

const sealed = ({ digest: _digest, ...body }: Omit<ResultFile, 'digest'> & { digest?: string }) =>
  canonicalJson(body);

export async function makeResult(input: {
  learner: string;
  challenge: Challenge;
  design: NetworkSpec;
  hyper: Hyperparams;
  metrics: ResultMetrics;
  weights: Uint8Array;
  createdAt: Date;
}): Promise<ResultFile> {
  const body = {
    format: RESULT_FORMAT,
    learner: input.learner.trim() || 'Anonymous',
    challenge: input.challenge,
    design: input.design,
    hyper: input.hyper,
    metrics: input.metrics,
    seed: input.hyper.seed,
    weights: toBase64Url(input.weights),
    weightsSha256: await sha256Hex(input.weights),
    createdAt: input.createdAt.toISOString(),
  } as const;
  return { ...body, digest: await sha256Hex(sealed(body)) };
}

export interface ReadResult {
  result: ResultFile;
  weights: Uint8Array;
  /** What does not hold up without running anything: an edited file, swapped weights, a wrong count. */
  problems: string[];
}

/** Reads a handed-in file; a file that is not a result at all is refused with the reason. */
export async function readResult(
  text: string,
): Promise<{ ok: true; read: ReadResult } | { ok: false; error: string }> {
  const json = parseJsonSafely(text, tr('network:parse.theFile'), {
    maxChars: MAX_RESULT_CHARS,
    maxDepth: 16,
  });
  if (!json.ok) return json;
  const shape = v.safeParse(ResultShape, json.value);
  if (!shape.success) {
    const issue = shape.issues[0];
    const path = v.getDotPath(issue);
    return {
      ok: false,
      error: tr('challenges:result.notResult', {
        detail: path ? `${path}: ${issue.message}` : issue.message,
      }),
    };
  }
  const design = validateSpecValue(shape.output.design);
  if (!design.ok) return { ok: false, error: tr('challenges:result.design', { error: design.error }) };
  const hyper = validateHyperValue(shape.output.hyper);
  if (!hyper.ok) return { ok: false, error: tr('challenges:result.hyper', { error: hyper.error }) };
  const weights = fromBase64Url(shape.output.weights);
  if (!weights) return { ok: false, error: tr('challenges:result.weightsDamaged') };
  const result: ResultFile = { ...shape.output, design: design.value, hyper: hyper.value };

  const problems: string[] = [];
  if ((await sha256Hex(sealed(json.value as ResultFile))) !== result.digest)
    problems.push(tr('challenges:result.edited'));
  if ((await sha256Hex(weights)) !== result.weightsSha256) problems.push(tr('challenges:result.notHashed'));
  const analysis = analyzeSpec(result.design);
  if (!analysis.valid) problems.push(tr('challenges:result.noBuild'));
  else if (analysis.totalParams !== result.metrics.params)
    problems.push(
      tr('challenges:result.params', { n: analysis.totalParams, claimed: result.metrics.params }),
    );
  if (analysis.valid) {
    const mapped = importWeights(result.design, weights);
    if (!mapped.ok) problems.push(tr('challenges:result.weightsFit', { error: mapped.error }));
  }
  if (result.seed !== result.hyper.seed) problems.push(tr('challenges:result.seed'));
  return { ok: true, read: { result, weights, problems } };
}
