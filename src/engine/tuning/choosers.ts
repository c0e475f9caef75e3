// VariantChoosers: one that records the sites a model plans (so a design's sites can be tuned before it
// is built for training) and one that answers from tuned choices.
import type { TunableSite, VariantChooser } from '../op';

/** Answers hand-picked everywhere and keeps each distinct site it was asked about, in planning order. */
export class RecordingChooser implements VariantChooser {
  readonly sites = new Map<string, TunableSite>();

  choose(site: TunableSite): string {
    if (!this.sites.has(site.key)) this.sites.set(site.key, site);
    return site.handPicked;
  }
}

/** Answers each site's tuned variant (a map from site key to variant), hand-picked where none is known. */
export function tunedChooser(choices: ReadonlyMap<string, string>): VariantChooser {
  return { choose: (site) => choices.get(site.key) ?? site.handPicked };
}
