// Shape rules several kinds share: an image is required, a sliding window must fit, and a guess at the
// [C, H, W] a flat vector came from (for "insert Unflatten" fixes).
import { tr } from '../../i18n';
import { formatShape } from './issues';
import type { InferContext } from './types';
import type { SpecIssue } from './issues';

/** A plausible [C, H, W] for n flat values: the shape before the last Flatten, else the fewest channels
 *  whose square side is at most 28. */
export function guessImageShape(
  n: number,
  beforeFlatten: readonly number[] | null,
): [number, number, number] | null {
  if (
    beforeFlatten &&
    beforeFlatten.length === 3 &&
    beforeFlatten[0] * beforeFlatten[1] * beforeFlatten[2] === n
  ) {
    return [beforeFlatten[0], beforeFlatten[1], beforeFlatten[2]];
  }
  for (let c = 1; c <= Math.min(n, 4096); c++) {
    if (n % c !== 0) continue;
    const side = Math.round(Math.sqrt(n / c));
    if (side * side === n / c && side <= 28) return [c, side, side];
  }
  return null;
}

/** An image is required: a flat input gets "insert Unflatten before layer N". */
export function needImage(ctx: InferContext, layer: { kind: string }): SpecIssue | null {
  if (ctx.input.length === 3) return null;
  const n = ctx.input[0];
  const guess = guessImageShape(n, ctx.lastFlatten?.shape ?? null);
  const message = tr('shapes:needImage', { kind: layer.kind, n, index: ctx.index + 1 });
  if (!guess) return ctx.error(message);
  const unflatten = ctx.newLayer('Unflatten', { unflattened_size: guess });
  return ctx.error(
    message,
    ctx.insertBefore(unflatten, tr('shapes:fix.unflattenTo', { shape: formatShape(guess) })),
  );
}

/** The sliding window must fit in the padded input: "kernel 7 is larger than the 4×4 input: ...". */
export function windowFits(
  ctx: InferContext,
  fix: (maxKernel: number) => Parameters<InferContext['error']>[1],
  k: number,
  p: number,
  d: number,
): SpecIssue | null {
  const [, h, w] = ctx.input;
  const room = Math.min(h, w) + 2 * p;
  if (d * (k - 1) + 1 <= room) return null;
  const maxK = Math.floor((room - 1) / d) + 1;
  const input = formatShape([h, w]);
  const where =
    p > 0
      ? tr('shapes:window.inputPadded', { input, padded: formatShape([h + 2 * p, w + 2 * p]), p })
      : tr('shapes:window.input', { input });
  const message =
    d === 1
      ? tr('shapes:window.kernelTooLarge', { name: ctx.name, k, where, maxK })
      : tr('shapes:window.dilatedTooLarge', { name: ctx.name, k, d, span: d * (k - 1) + 1, where, maxK });
  return ctx.error(message, fix(maxK));
}

/** Candidate values nearest the current one first, so the smallest change is offered. */
export function nearest(current: number, min: number, max: number): number[] {
  const out: number[] = [];
  for (let delta = 1; current - delta >= min || current + delta <= max; delta++) {
    if (current - delta >= min) out.push(current - delta);
    if (current + delta <= max) out.push(current + delta);
  }
  return out;
}
