// Planners ask here which kernel variant to plan at a tunable site (see TunableSite in ../op.ts), and
// build their scratch problems from these deterministic inputs.
import type { EngineContext, TunableSite } from '../op';
import { sizeOf, tensor, type Tensor } from '../tensor';

/** The variant a planner should use: the context's chooser's answer where it has one, else hand-picked. */
export function chooseVariant(ctx: EngineContext, site: TunableSite): string {
  if (!ctx.variants || site.candidates.length < 2) return site.handPicked;
  const chosen = ctx.variants.choose(site);
  return site.candidates.includes(chosen) ? chosen : site.handPicked;
}

/** Picks from `choices` the member whose name is `name` (variants may be numbers: tile 4 is '4'). */
export function variantNamed<T extends string | number>(choices: readonly T[], name: string): T {
  const found = choices.find((c) => String(c) === name);
  if (found === undefined) throw new Error(`no variant named '${name}' among ${choices.join(', ')}`);
  return found;
}

/** Deterministic inputs in [-0.5, 0.5) for scratch problems, different per seed. */
export function scratchValues(count: number, seed: number): Float32Array {
  return Float32Array.from(
    { length: count },
    (_, i) => (((i + 1) * 7919 + seed * 104729) % 1000) / 1000 - 0.5,
  );
}

/** A scratch tensor in ctx.arena: filled with scratchValues(seed), or left zero (an output) without a seed. */
export function scratchTensor(
  ctx: EngineContext,
  name: string,
  shape: readonly number[],
  seed?: number,
): { tensor: Tensor; values: Float32Array } {
  const values = seed === undefined ? new Float32Array(sizeOf(shape)) : scratchValues(sizeOf(shape), seed);
  return { tensor: tensor(ctx.arena.upload(name, values), shape), values };
}
