// The fuzzed designs: seeded random layer stacks (network/testing/random-spec), and for about half of them
// the app's own one-click fixes applied until none is offered, so many odd stacks become buildable and the
// GPU sees unusual shapes instead of only refusals.
import { analyzeSpec } from '../../network/analyze';
import { applyFix } from '../../network/issues';
import type { NetworkSpec } from '../../network/spec';
import { randomSpec, seededRng, type Rng } from '../../network/testing/random-spec';

export { seededRng, type Rng };

/** Fixes applied at most, one at a time, as a student clicking the offered fix buttons would. */
const MAX_FIXES = 10;

/** The spec with offered error fixes applied until it is valid or no fix is offered. */
export function repair(spec: NetworkSpec, batchSize: number): NetworkSpec {
  let current = spec;
  for (let n = 0; n < MAX_FIXES; n++) {
    const fix = analyzeSpec(current, { batchSize }).issues.find((i) => i.severity === 'error' && i.fix)?.fix;
    if (!fix) break;
    current = applyFix(current, fix);
  }
  return current;
}

/** `count` designs from `seed`: the same seed always gives the same designs. */
export function* fuzzSpecs(seed: number, count: number, batchSize: number): Generator<NetworkSpec> {
  const rng = seededRng(seed);
  for (let i = 0; i < count; i++) {
    const spec = randomSpec(rng);
    yield rng() < 0.6 ? repair(spec, batchSize) : spec;
  }
}
