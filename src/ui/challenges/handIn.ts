// Making the learner's result file from the app's state: the design, its settings, the full test-set
// evaluation, the trained weights from the worker (as safetensors bytes) and the training time.
import type { StoreApi } from 'zustand';
import type { Challenge } from '../../challenges/challenge';
import { unmet } from '../../challenges/goal';
import { makeResult } from '../../challenges/result';
import { exportWeights } from '../../network/export';
import { analysisOf } from '../builder/useAnalysis';
import { trainedWeights } from '../export/actions';
import { downloadBytes } from '../export/download';
import type { AppState } from '../store/store';

const slug = (name: string) =>
  name
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'result';

/** Downloads the result file; resolves with the notice to show. */
export async function handIn(
  store: StoreApi<AppState>,
  challenge: Challenge,
  learner: string,
  trainingMs: number,
): Promise<string> {
  const s = store.getState();
  const params = analysisOf(s.spec).totalParams;
  const evaluation = s.evaluation;
  const missing = unmet(challenge, {
    spec: s.spec,
    hyper: s.hyper,
    params,
    testAccuracy: evaluation?.testAccuracy ?? null,
  });
  if (missing.length || !evaluation) return `Not handed in: ${missing.join('; ')}.`;
  const weights = exportWeights(s.spec, await trainedWeights(store));
  const result = await makeResult({
    learner,
    challenge,
    design: s.spec,
    hyper: s.hyper,
    metrics: {
      testAccuracy: evaluation.testAccuracy,
      testImages: evaluation.confusion.reduce((a, b) => a + b, 0),
      params,
      steps: s.progress?.step ?? evaluation.step,
      trainSeconds: Math.round(trainingMs / 100) / 10,
    },
    weights,
    createdAt: new Date(),
  });
  const name = `${slug(learner)}-result.json`;
  downloadBytes(JSON.stringify(result), name, 'application/json');
  return `Downloaded ${name}: hand it to your teacher.`;
}
