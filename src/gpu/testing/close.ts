// Elementwise comparison with a stated tolerance: |a - b| <= atol + rtol * |b|, reporting the worst index.
export interface Tolerance {
  atol: number;
  rtol: number;
}

export function maxViolation(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance) {
  if (actual.length !== expected.length) {
    return { ok: false, message: `length ${actual.length} != expected ${expected.length}` };
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const excess = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    if (!(excess <= worstExcess) || Number.isNaN(a) !== Number.isNaN(e)) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
    }
  }
  if (worst < 0) return { ok: true, message: '' };
  return {
    ok: false,
    message: `index ${worst}: got ${actual[worst]}, expected ${expected[worst]} (atol ${tol.atol}, rtol ${tol.rtol})`,
  };
}

/** Throws with the worst offending index when any element is out of tolerance. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): void {
  const { ok, message } = maxViolation(actual, expected, tol);
  if (!ok) throw new Error(`arrays differ: ${message}`);
}
