// The share link's side of the design a page opens with (a valid link, else LeNet-5; restore.ts puts the
// autosave between them), and the share URL of a design.
import { tr } from '../../i18n';
import { DEFAULT_HYPER, type Hyperparams } from '../../network/hyper';
import { decodeShareState, encodeShareState, presetSpec, getPreset } from '../../network';
import type { NetworkSpec } from '../../network/spec';

export interface InitialDesign {
  spec: NetworkSpec;
  hyper: Hyperparams;
  source: 'link' | 'preset';
  /** A GAN's discriminator beside its generator (`spec`). */
  discriminator?: NetworkSpec;
  /** Why the link was refused (the design is then LeNet-5). */
  refused: string | null;
}

export function firstVisitDesign(): { spec: NetworkSpec; hyper: Hyperparams } {
  return { spec: presetSpec('lenet-5'), hyper: getPreset('lenet-5')?.hyper ?? DEFAULT_HYPER };
}

export function initialDesign(fragment: string): InitialDesign {
  let refused: string | null = null;
  if (fragment.replace(/^#/, '') !== '') {
    const link = decodeShareState(fragment);
    if (link.ok) {
      const { ok: _ok, ...state } = link;
      return { ...state, source: 'link', refused };
    }
    refused = tr('ui:designState.theLinkSDesign', { error: link.error });
  }
  return { ...firstVisitDesign(), source: 'preset', refused };
}

/** The share URL for a design: this page's address with the encoded design as the fragment. */
export function shareUrl(
  pageUrl: string,
  spec: NetworkSpec,
  hyper: Hyperparams,
  discriminator?: NetworkSpec,
): string {
  const url = new URL(pageUrl);
  url.hash = encodeShareState(discriminator ? { spec, hyper, discriminator } : { spec, hyper });
  return url.href;
}
